// The types target from a hand-built IR: the declarations a user reads (formatted as the
// writer commits them), and what the TypeScript compiler accepts and refuses with them.
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import type { ModelIR } from "../../../../codegen/src/ir/types.js";
import { emitTypes } from "../../../../codegen/src/targets/types.js";
import { formatTypeScript } from "../../../../codegen/src/writer.js";
import {
  enumShape,
  intEnum,
  list,
  map,
  member,
  model,
  operation,
  service,
  simple,
  smithy,
  structure,
  union,
} from "../../../support/ir.js";
import { declarationLines, declaredNames, typeErrors } from "../../../support/typescript.js";

/** The code of the one file the target emits (`types.ts` in its folder). */
function typesCode(ir: ModelIR): string {
  const files = emitTypes(ir);
  expect(files.map((file) => file.path)).toEqual(["types.ts"]);
  return files[0]!.contents;
}

/** That file formatted as `npm run generate` writes it. */
async function typesFile(ir: ModelIR): Promise<string> {
  return formatTypeScript(typesCode(ir));
}

interface Case {
  given: ModelIR;
  /** The declaration to read. */
  name: string;
  want: string[];
}

const revision = structure(
  "CurrentRevision",
  [
    member("revision", smithy.String, {
      required: true,
      documentation: "The revision itself.",
      constraints: { length: { min: 1, max: 1500 } },
    }),
    member("created", smithy.Timestamp, { documentation: "When the revision was made." }),
  ],
  { documentation: "A source revision." },
);

describe("structures", () => {
  it.each<[string, Case]>([
    [
      "one property per member; a required one has no `?`; TSDoc carries docs, required-ness and bounds",
      {
        given: model({ shapes: [revision] }),
        name: "CurrentRevision",
        want: [
          "/** A source revision. */",
          "export interface CurrentRevision {",
          "  /**",
          "   * The revision itself.",
          "   *",
          "   * Required. Length: 1 to 1500 characters (Unicode code points).",
          "   */",
          "  revision: string;",
          "  /**",
          "   * When the revision was made.",
          "   *",
          "   * Optional.",
          "   */",
          "  created?: Date;",
          "}",
        ],
      },
    ],
    [
      "@input: every member is optional to clients, and the docs still say which are required",
      {
        given: model({ shapes: [structure("PutThingInput", [member("thingId", smithy.String, { required: true })], { isInput: true })] }),
        name: "PutThingInput",
        want: ["export interface PutThingInput {", "  /** Required. */", "  thingId?: string;", "}"],
      },
    ],
    [
      "@clientOptional: required for servers, optional in the client's types",
      {
        given: model({ shapes: [structure("S", [member("a", smithy.String, { required: true, clientOptional: true })])] }),
        name: "S",
        want: ["export interface S {", "  /** Required. */", "  a?: string;", "}"],
      },
    ],
    [
      "@default, @sensitive and @deprecated are stated; a member with a default is optional to callers, required or not",
      {
        given: model({
          shapes: [
            structure("S", [
              member("retries", smithy.Integer, { required: true, default: 3 }),
              member("secret", smithy.String, { sensitive: true }),
              member("old", smithy.String, { deprecated: { since: "2020-01-01", message: "Use retries." } }),
            ]),
          ],
        }),
        name: "S",
        want: [
          "export interface S {",
          "  /** Required. Default: `3`. */",
          "  retries?: number;",
          "  /** Optional. Sensitive: keep it out of logs and error messages. */",
          "  secret?: string;",
          "  /**",
          "   * Optional.",
          "   * @deprecated since 2020-01-01. Use retries.",
          "   */",
          "  old?: string;",
          "}",
        ],
      },
    ],
    [
      "every constraint kind, in the unit of what it bounds",
      {
        given: model({
          shapes: [
            structure("S", [
              member("code", smithy.String, { constraints: { length: { min: 2, max: 2 }, pattern: "^[A-Z]+$" } }),
              member("data", smithy.Blob, { constraints: { length: { max: 1024 } } }),
              member("tags", "TagList", { constraints: { length: { min: 1 }, uniqueItems: true } }),
              member("counts", "Counts", { constraints: { length: { max: 10 } } }),
              member("status", "Status", { constraints: { length: { min: 1 } } }),
              member("percent", smithy.Integer, { constraints: { range: { min: 0, max: 100 } } }),
            ]),
            list("TagList", smithy.String),
            map("Counts", smithy.String, smithy.Integer),
            enumShape("Status", { OK: "ok" }),
          ],
        }),
        name: "S",
        want: [
          "export interface S {",
          "  /** Optional. Length: exactly 2 characters (Unicode code points). Pattern: `^[A-Z]+$`. */",
          "  code?: string;",
          "  /** Optional. Length: at most 1024 bytes. */",
          "  data?: Uint8Array;",
          "  /** Optional. Length: at least 1 items. Items are unique. */",
          "  tags?: TagList;",
          "  /** Optional. Length: at most 10 entries. */",
          "  counts?: Counts;",
          "  /** Optional. Length: at least 1 characters (Unicode code points). */",
          "  status?: Status;",
          "  /** Optional. Range: 0 to 100. */",
          "  percent?: number;",
          "}",
        ],
      },
    ],
    [
      "an error: its wire name and fault come first, as literal types",
      {
        given: model({
          shapes: [
            structure("JobNotFoundException", [member("message", smithy.String)], {
              documentation: "The job was not found.",
              error: { fault: "client", httpStatus: 404 },
            }),
          ],
        }),
        name: "JobNotFoundException",
        want: [
          "/**",
          " * The job was not found.",
          " *",
          " * A client error, answered with HTTP 404.",
          " */",
          "export interface JobNotFoundException {",
          "  /** The error's name, as it travels on the wire. */",
          '  name: "JobNotFoundException";',
          "  /** Whose fault the error is: the caller's (client) or the service's (server). */",
          '  $fault: "client";',
          "  /** Optional. */",
          "  message?: string;",
          "}",
        ],
      },
    ],
    [
      "documentation that would end the comment is escaped",
      {
        given: model({ shapes: [structure("S", [], { documentation: "Closes a comment: */ then goes on." })] }),
        name: "S",
        want: ["/** Closes a comment: *\\/ then goes on. */", "export interface S {}"],
      },
    ],
  ])("%s", async (_, { given, name, want }) => {
    expect(declarationLines(await typesFile(given), name)).toEqual(want);
  });
});

describe("unions, enums, lists and maps", () => {
  it.each<[string, Case]>([
    [
      "a union is one object type per member, plus one for a member this version does not know",
      {
        given: model({
          shapes: [
            union("Source", [member("s3", "S3Location"), member("url", smithy.String)], { documentation: "Where it comes from." }),
            structure("S3Location", [member("bucket", smithy.String, { required: true })]),
          ],
        }),
        name: "Source",
        want: [
          "/**",
          " * Where it comes from.",
          " *",
          " * Exactly one member is set. `$unknown` carries a member this version of the model does not know.",
          " */",
          "export type Source =",
          "  | { s3: S3Location; url?: never; $unknown?: never }",
          "  | { s3?: never; url: string; $unknown?: never }",
          "  | { s3?: never; url?: never; $unknown: [string, unknown] };",
        ],
      },
    ],
    [
      "an enum is a const object of its values and the union of those values",
      {
        given: model({ shapes: [enumShape("JobStatus", { SUCCEEDED: "Succeeded", FAILED: "Failed" }, { documentation: "How a job ended." })] }),
        name: "JobStatus",
        want: [
          "/** How a job ended. */",
          "export const JobStatus = {",
          '  SUCCEEDED: "Succeeded",',
          '  FAILED: "Failed",',
          "} as const;",
          "/**",
          " * How a job ended.",
          " *",
          ' * One of: `"Succeeded"`, `"Failed"`.',
          " */",
          "export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];",
        ],
      },
    ],
    [
      "an intEnum's values are numbers",
      {
        given: model({ shapes: [intEnum("Level", { LOW: 1, HIGH: 10 })] }),
        name: "Level",
        want: [
          "export const Level = {",
          "  LOW: 1,",
          "  HIGH: 10,",
          "} as const;",
          "/** One of: `1`, `10`. */",
          "export type Level = (typeof Level)[keyof typeof Level];",
        ],
      },
    ],
    [
      "a list is an Array of its member's type, with its bounds in items",
      {
        given: model({ shapes: [list("TagList", smithy.String, { documentation: "Tags.", constraints: { length: { min: 1, max: 50 } } })] }),
        name: "TagList",
        want: ["/**", " * Tags.", " *", " * Length: 1 to 50 items.", " */", "export type TagList = Array<string>;"],
      },
    ],
    [
      "a @sparse list admits null items",
      {
        given: model({ shapes: [list("Holes", smithy.Integer, { sparse: true })] }),
        name: "Holes",
        want: ["export type Holes = Array<number | null>;"],
      },
    ],
    [
      "a map with string keys is a Record, with its bounds in entries",
      {
        given: model({ shapes: [map("Counts", smithy.String, smithy.Long, { constraints: { length: { max: 10 } } })] }),
        name: "Counts",
        want: ["/** Length: at most 10 entries. */", "export type Counts = Record<string, number>;"],
      },
    ],
    [
      "a map keyed by an enum has only the enum's keys, each optional",
      {
        given: model({ shapes: [map("ColorCounts", "Color", smithy.Integer), enumShape("Color", { RED: "red" })] }),
        name: "ColorCounts",
        want: ["export type ColorCounts = Partial<Record<Color, number>>;"],
      },
    ],
    [
      "a @sparse map admits null values",
      {
        given: model({ shapes: [map("Maybe", smithy.String, smithy.String, { sparse: true })] }),
        name: "Maybe",
        want: ["export type Maybe = Record<string, string | null>;"],
      },
    ],
  ])("%s", async (_, { given, name, want }) => {
    expect(declarationLines(await typesFile(given), name)).toEqual(want);
  });
});

describe("simple shapes are written inline, as the JavaScript type their values take", () => {
  it.each([
    [smithy.String, "string"],
    [smithy.Boolean, "boolean"],
    [smithy.Byte, "number"],
    [smithy.Short, "number"],
    [smithy.Integer, "number"],
    [smithy.Long, "number"],
    [smithy.Float, "number"],
    [smithy.Double, "number"],
    [smithy.BigInteger, "bigint"],
    // Exact decimals have no JavaScript number type.
    [smithy.BigDecimal, "string"],
    [smithy.Timestamp, "Date"],
    [smithy.Blob, "Uint8Array"],
    [smithy.Document, "DocumentType"],
    ["JobId", "string"],
  ])("%s is %s", async (target, want) => {
    const ir = model({ shapes: [structure("Holder", [member("value", target)]), simple("string", "JobId")] });
    expect(declarationLines(await typesFile(ir), "Holder")).toEqual([
      "export interface Holder {",
      "  /** Optional. */",
      `  value?: ${want};`,
      "}",
    ]);
  });

  it("declares DocumentType, first, only when a document is used", async () => {
    const withDocument = await typesFile(model({ shapes: [structure("S", [member("doc", smithy.Document)])] }));
    expect(declaredNames(withDocument)[0]).toBe("DocumentType");
    // What it admits is checked by the compiler below; its layout is the formatter's business.
    expect(declarationLines(withDocument, "DocumentType")[0]).toBe("/** Any JSON value (`smithy.api#Document`). */");
    const without = await typesFile(model({ shapes: [structure("S", [member("text", smithy.String)])] }));
    expect(declaredNames(without)).not.toContain("DocumentType");
  });

  it("refuses a member whose target is not in the IR, naming it", () => {
    const ir = model({ shapes: [structure("S", [member("a", "Missing")])] });
    expect(() => emitTypes(ir)).toThrow(GenerateError);
    expect(() => emitTypes(ir)).toThrow("types: test.ns#Missing is referenced but not loaded.");
  });
});

describe("operations", () => {
  const ir = model({
    service: service("TestService", { title: "The Test Service" }),
    operations: [
      operation("PutThing", { input: "PutThingInput", errors: ["JobNotFoundException", "InvalidJobStateException"], documentation: "Puts a thing." }),
      operation("Ping", { deprecated: {} }),
    ],
    shapes: [
      structure("PutThingInput", [member("thingId", smithy.String, { required: true })], { isInput: true }),
      structure("JobNotFoundException", [], { error: { fault: "client", httpStatus: 404 } }),
      structure("InvalidJobStateException", [], { error: { fault: "client", httpStatus: 400 } }),
    ],
  });

  it.each<[string, { name: string; want: string[] }]>([
    [
      "each operation's errors are one union, told apart by name",
      {
        name: "PutThingError",
        want: [
          "/** The errors PutThing can return, told apart by `name`. */",
          "export type PutThingError = JobNotFoundException | InvalidJobStateException;",
        ],
      },
    ],
    ["an operation without errors has `never`", { name: "PingError", want: ["/** The errors Ping can return, told apart by `name`. */", "export type PingError = never;"] }],
    [
      "the operation map gives every operation's input, output and errors; Unit where there is none",
      {
        name: "TestServiceOperations",
        want: [
          "/** Every operation of The Test Service, with its input, output and error types. */",
          "export interface TestServiceOperations {",
          "  /** Puts a thing. */",
          "  PutThing: { input: PutThingInput; output: Unit; error: PutThingError };",
          "  /** @deprecated */",
          "  Ping: { input: Unit; output: Unit; error: PingError };",
          "}",
        ],
      },
    ],
    [
      "Unit is the empty object",
      {
        name: "Unit",
        want: [
          "/** The empty input or output of an operation that takes or returns nothing (`smithy.api#Unit`). */",
          "export type Unit = Record<string, never>;",
        ],
      },
    ],
  ])("%s", async (_, { name, want }) => {
    expect(declarationLines(await typesFile(ir), name)).toEqual(want);
  });

  it("a union member targeting smithy.api#Unit uses the Unit alias, which is declared once", async () => {
    const code = await typesFile(model({ shapes: [union("Choice", [member("none", smithy.Unit), member("some", smithy.String)])] }));
    expect(declarationLines(code, "Choice")).toEqual([
      "/** Exactly one member is set. `$unknown` carries a member this version of the model does not know. */",
      "export type Choice =",
      "  | { none: Unit; some?: never; $unknown?: never }",
      "  | { none?: never; some: string; $unknown?: never }",
      "  | { none?: never; some?: never; $unknown: [string, unknown] };",
    ]);
    expect(declaredNames(code).filter((name) => name === "Unit")).toEqual(["Unit"]);
  });
});

describe("the emitted file under the TypeScript compiler (strict)", () => {
  const ir = model({
    operations: [operation("PutThing", { input: "PutThingInput", output: "PutThingOutput", errors: ["JobNotFoundException"] }), operation("Ping")],
    shapes: [
      structure("PutThingInput", [member("thingId", smithy.String, { required: true }), member("source", "Source"), member("status", "JobStatus")], {
        isInput: true,
      }),
      structure("PutThingOutput", [member("revision", "CurrentRevision", { required: true }), member("extra", smithy.Document)]),
      revision,
      structure("JobNotFoundException", [member("message", smithy.String)], { error: { fault: "client", httpStatus: 404 } }),
      union("Source", [member("s3", "S3Location"), member("url", smithy.String), member("none", smithy.Unit)]),
      structure("S3Location", [member("bucket", smithy.String, { required: true })]),
      enumShape("JobStatus", { SUCCEEDED: "Succeeded", FAILED: "Failed" }),
      intEnum("Level", { LOW: 1, HIGH: 10 }),
      list("Revisions", "CurrentRevision", { sparse: true }),
      map("ColorCounts", "JobStatus", smithy.Integer),
      map("Attributes", smithy.String, smithy.BigInteger),
    ],
  });

  it("compiles, and accepts exactly the values the model allows", async () => {
    const usage = `
      import { JobStatus, Level } from "./types";
      import type { Attributes, ColorCounts, CurrentRevision, DocumentType, JobNotFoundException, PutThingError, PutThingInput, Revisions, Source, TestServiceOperations, Unit } from "./types";

      export const inputs: PutThingInput[] = [{}, { thingId: "t", status: JobStatus.SUCCEEDED, source: { url: "https://example.com" } }];
      export const revision: CurrentRevision = { revision: "r", created: new Date() };
      // @ts-expect-error a required member is missing
      export const noRevision: CurrentRevision = {};
      // @ts-expect-error a timestamp is a Date
      export const badTime: CurrentRevision = { revision: "r", created: 0 };

      export const sources: Source[] = [{ s3: { bucket: "b" } }, { url: "u" }, { none: {} }, { $unknown: ["future", 1] }];
      // @ts-expect-error two members of a union at once
      export const both: Source = { s3: { bucket: "b" }, url: "u" };
      // @ts-expect-error no member at all
      export const neither: Source = {};
      // @ts-expect-error Unit takes no members
      export const notUnit: Unit = { a: 1 };

      export const status: JobStatus = "Failed";
      // @ts-expect-error not one of the enum's values
      export const badStatus: JobStatus = "Running";
      export const level: Level = Level.HIGH;
      // @ts-expect-error not one of the intEnum's values
      export const badLevel: Level = 5;

      export const holes: Revisions = [revision, null];
      export const counts: ColorCounts = { Succeeded: 1 };
      // @ts-expect-error an enum-keyed map has only the enum's keys
      export const badCounts: ColorCounts = { Running: 1 };
      export const attributes: Attributes = { size: 10n };
      export const document: DocumentType = { a: [1, "b", null, { c: true }] };
      // @ts-expect-error undefined is not a JSON value
      export const notJson: DocumentType = undefined;
      // @ts-expect-error nor is a Date
      export const notJsonEither: DocumentType = { when: new Date() };

      export const error: PutThingError = { name: "JobNotFoundException", $fault: "client", message: "gone" };
      // @ts-expect-error an error's name is its own
      export const badError: JobNotFoundException = { name: "Other", $fault: "client" };
      // @ts-expect-error an error's fault is the model's
      export const badFault: JobNotFoundException = { name: "JobNotFoundException", $fault: "server" };

      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      export const map: [
        Equal<TestServiceOperations["PutThing"]["output"]["revision"], CurrentRevision>,
        Equal<TestServiceOperations["Ping"], { input: Unit; output: Unit; error: never }>,
      ] = [true, true];
    `;
    expect(typeErrors({ "types.ts": typesCode(ir), "usage.ts": usage })).toEqual([]);
  });

  it("would report a mistake in the usage (the check itself works)", () => {
    const errors = typeErrors({ "types.ts": typesCode(ir), "usage.ts": `import type { CurrentRevision } from "./types";\nexport const r: CurrentRevision = {};\n` });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^usage\.ts:2: Property 'revision' is missing/);
  });
});

describe("the server's view of handler inputs", () => {
  const ir = model({
    operations: [operation("PutThing", { input: "PutThingInput" }), operation("ListThings", { input: "ListThingsInput" })],
    shapes: [
      structure(
        "PutThingInput",
        [
          member("thingId", smithy.String, { required: true, documentation: "The thing." }),
          member("mode", smithy.String, { required: true, default: "fast" }),
          member("parts", "Parts"),
          member("note", smithy.String),
        ],
        { isInput: true },
      ),
      list("Parts", "Part"),
      structure("Part", [member("size", smithy.Integer, { default: 1 }), member("owner", smithy.String, { required: true, clientOptional: true }), member("label", smithy.String, { required: true })]),
      structure("ListThingsInput", [member("nextToken", smithy.String)], { isInput: true }),
    ],
  });

  it.each<[string, { name: string; want: string[] }]>([
    [
      "an operation's input: <Operation>ServerInput, required and defaulted members present",
      {
        name: "PutThingServerInput",
        want: [
          "/** The server's view of `PutThingInput`, as a handler receives it: validated, with every required member present and every member that has a default filled in. */",
          "export interface PutThingServerInput {",
          "  /**",
          "   * The thing.",
          "   *",
          "   * Required.",
          "   */",
          "  thingId: string;",
          '  /** Required, but `"fast"` when the caller leaves it out. */',
          "  mode: string;",
          "  /** Optional. */",
          "  parts?: PartsServerView;",
          "  /** Optional. */",
          "  note?: string;",
          "}",
        ],
      },
    ],
    [
      "a shape it contains whose views differ: <Shape>ServerView, @clientOptional ignored",
      {
        name: "PartServerView",
        want: [
          "/** The server's view of `Part`, as a handler receives it: validated, with every required member present and every member that has a default filled in. */",
          "export interface PartServerView {",
          "  /** Optional, and `1` when the caller leaves it out. */",
          "  size: number;",
          "  /** Required. */",
          "  owner: string;",
          "  /** Required. */",
          "  label: string;",
          "}",
        ],
      },
    ],
    [
      "a list of such shapes",
      {
        name: "PartsServerView",
        want: [
          "/** The server's view of `Parts`, as a handler receives it: validated, with every required member present and every member that has a default filled in. */",
          "export type PartsServerView = Array<PartServerView>;",
        ],
      },
    ],
    [
      "an input whose views agree: <Operation>ServerInput is an alias",
      { name: "ListThingsServerInput", want: ["/** What a handler of ListThings receives, validated: `ListThingsInput`. */", "export type ListThingsServerInput = ListThingsInput;"] },
    ],
    [
      "the client's view is unchanged: every member of an @input structure optional",
      {
        name: "PutThingInput",
        want: [
          "export interface PutThingInput {",
          "  /**",
          "   * The thing.",
          "   *",
          "   * Required.",
          "   */",
          "  thingId?: string;",
          '  /** Required. Default: `"fast"`. */',
          "  mode?: string;",
          "  /** Optional. */",
          "  parts?: Parts;",
          "  /** Optional. */",
          "  note?: string;",
          "}",
        ],
      },
    ],
  ])("%s", async (_, { name, want }) => {
    expect(declarationLines(await typesFile(ir), name)).toEqual(want);
  });

  it("the views compile, and hold what a handler may rely on", async () => {
    const usage = [
      'import type { PutThingServerInput, PutThingInput } from "./types";',
      "export function handle(input: PutThingServerInput): number {",
      "  return input.thingId.length + input.mode.length + (input.parts ?? []).reduce((sum, part) => sum + part.size + part.owner.length, 0);",
      "}",
      "// @ts-expect-error an optional member stays optional",
      "export const note: string = ({} as PutThingServerInput).note;",
      "export const caller: PutThingInput = {};",
    ].join("\n");
    expect(typeErrors({ "types.ts": await typesFile(ir), "usage.ts": usage })).toEqual([]);
  });

  it("a nested @required @default member: optional in the caller's type, present in the handler's (tsc)", () => {
    // Only that member tells the two readings apart, so it alone must make the server's view.
    const ir = model({
      operations: [operation("PutSettings", { input: "PutSettingsInput" })],
      shapes: [
        structure("PutSettingsInput", [member("settings", "Settings", { required: true })], { isInput: true }),
        structure("Settings", [member("stageCount", smithy.Integer, { required: true }), member("disableInboundTransitions", smithy.Boolean, { required: true, default: false })]),
      ],
    });
    const usage = `
      import type { PutSettingsInput, PutSettingsServerInput, Settings, SettingsServerView } from "./types";
      type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
      export const types: [
        Equal<Settings, { stageCount: number; disableInboundTransitions?: boolean }>,
        Equal<SettingsServerView, { stageCount: number; disableInboundTransitions: boolean }>,
        Equal<PutSettingsServerInput["settings"], SettingsServerView>,
        Equal<PutSettingsInput["settings"], Settings | undefined>,
      ] = [true, true, true, true];
      // A caller may leave the defaulted member out: it may be left out on the wire.
      export const caller: PutSettingsInput = { settings: { stageCount: 1 } };
      // @ts-expect-error a required member without a default is still required of callers
      export const incomplete: Settings = { disableInboundTransitions: true };
      // @ts-expect-error the handler's view holds the default
      export const handler: PutSettingsServerInput = { settings: { stageCount: 1 } };
    `;
    expect(typeErrors({ "types.ts": typesCode(ir), "usage.ts": usage })).toEqual([]);
  });

  it("refuses a view name the model already uses", () => {
    const taken = model({ operations: [operation("PutThing", { input: "PutThingInput" })], shapes: [structure("PutThingInput", [member("a", smithy.String, { required: true })], { isInput: true }), structure("PutThingServerInput")] });
    expect(() => emitTypes(taken)).toThrow("types: the server's view of a shape would be named PutThingServerInput, which the model already uses for a shape");
  });
});
