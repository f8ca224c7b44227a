// The docs target from a hand-built IR: one Markdown reference page per operation, laid
// out like AWS's own (request syntax, parameters, response, errors, data types), line by line.
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import type { ModelIR } from "../../../../codegen/src/ir/types.js";
import { awsJson1_1 } from "../../../../codegen/src/protocols/aws-json.js";
import type { Protocol } from "../../../../codegen/src/protocols/protocol.js";
import { emitDocs, INDEX } from "../../../../codegen/src/targets/docs.js";
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

/** The page of one operation, as lines. */
function page(ir: ModelIR, name: string): string[] {
  const file = emitDocs(ir).find((candidate) => candidate.path === `${name}.md`);
  if (!file) throw new Error(`no page for ${name}`);
  return file.contents.split("\n");
}

/** The lines under a heading, up to the next heading of its level or above (the heading excluded). */
function section(lines: string[], heading: string): string[] {
  const level = /^#+/.exec(heading)![0].length;
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading} in:\n${lines.join("\n")}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => new RegExp(`^#{1,${level}} `).test(line));
  const body = end < 0 ? rest : rest.slice(0, end);
  // Drop the blank lines around the section.
  while (body[0] === "") body.shift();
  while (body.at(-1) === "") body.pop();
  return body;
}

const putThing = model({
  operations: [operation("PutThing", { input: "PutThingInput", errors: ["NotFound"], documentation: "Puts a thing." })],
  shapes: [
    structure(
      "PutThingInput",
      [
        member("thingId", smithy.String, { required: true, documentation: "The thing's ID.", constraints: { length: { min: 1, max: 64 } } }),
        member("count", smithy.Integer, { constraints: { range: { min: 0, max: 10 } } }),
      ],
      { isInput: true },
    ),
    structure("NotFound", [member("message", smithy.String)], { documentation: "No such thing.", error: { fault: "client", httpStatus: 404 } }),
  ],
});

describe("a page", () => {
  it("is one file per operation, named after it, after the entry page", () => {
    const ir = model({ operations: [operation("PutThing"), operation("Ping")] });
    expect(emitDocs(ir).map((file) => file.path)).toEqual(["index.md", "PutThing.md", "Ping.md"]);
  });

  it("reads as AWS's reference pages do", () => {
    expect(page(putThing, "PutThing")).toEqual([
      "# PutThing",
      "",
      "Puts a thing.",
      "",
      "## Request syntax",
      "",
      "```http",
      "POST / HTTP/1.1",
      "Host: testservice.<region>.amazonaws.com",
      "Content-Type: application/x-amz-json-1.1",
      "X-Amz-Target: TestService.PutThing",
      "",
      "{",
      '   "thingId": "string",',
      '   "count": number',
      "}",
      "```",
      "",
      "## Request parameters",
      "",
      "The request accepts the following data in JSON format.",
      "",
      "### thingId",
      "",
      "The thing's ID.",
      "",
      "- Type: String",
      "- Length constraints: Minimum length of 1. Maximum length of 64.",
      "- Required: Yes",
      "",
      "### count",
      "",
      "- Type: Integer",
      "- Valid range: Minimum value of 0. Maximum value of 10.",
      "- Required: No",
      "",
      "## Response elements",
      "",
      "If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.",
      "",
      "## Errors",
      "",
      "### NotFound",
      "",
      "No such thing.",
      "",
      "HTTP status code: 404",
    ]);
  });

  it.each<[string, { given: ModelIR; want: string[] }]>([
    [
      "the host is the endpoint prefix's",
      {
        given: model({ service: service("TestService", { endpointPrefix: "things" }), operations: [operation("PutThing")] }),
        want: ["POST / HTTP/1.1", "Host: things.<region>.amazonaws.com", "Content-Type: application/x-amz-json-1.1", "X-Amz-Target: TestService.PutThing"],
      },
    ],
    [
      "awsJson1_0 has its own media type; the target prefix is the service's",
      {
        given: model({
          service: service("ThingService", { protocol: "aws.protocols#awsJson1_0", targetPrefix: "Things_20240101" }),
          operations: [operation("PutThing")],
        }),
        want: ["POST / HTTP/1.1", "Host: thingservice.<region>.amazonaws.com", "Content-Type: application/x-amz-json-1.0", "X-Amz-Target: Things_20240101.PutThing"],
      },
    ],
  ])("request syntax: %s", (_, { given, want }) => {
    const syntax = section(page(given, "PutThing"), "## Request syntax");
    expect(syntax.slice(syntax.indexOf("```http") + 1, syntax.indexOf(""))).toEqual(want);
  });

  it("an operation without input or output says so", () => {
    const lines = page(model({ operations: [operation("Ping")] }), "Ping");
    expect(section(lines, "## Request syntax").slice(-3)).toEqual(["", "{}", "```"]);
    expect(section(lines, "## Request parameters")).toEqual(["The request takes no parameters; its body is `{}`."]);
    expect(section(lines, "## Response elements")).toEqual([
      "If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.",
    ]);
    expect(section(lines, "## Errors")).toEqual([]);
    expect(lines).not.toContain("## Data types");
  });

  it("an output with members is shown as JSON, then described", () => {
    const ir = model({
      operations: [operation("GetThing", { output: "GetThingOutput" })],
      shapes: [structure("GetThingOutput", [member("name", smithy.String, { required: true, documentation: "Its name." })])],
    });
    expect(section(page(ir, "GetThing"), "## Response elements")).toEqual([
      "If the action is successful, the service sends back an HTTP 200 response with the following data in JSON format.",
      "",
      "```json",
      "{",
      '   "name": "string"',
      "}",
      "```",
      "",
      "### name",
      "",
      "Its name.",
      "",
      "- Type: String",
      "- Required: Yes",
    ]);
  });

  it("a deprecated operation says so under its title", () => {
    const lines = page(model({ operations: [operation("Old", { documentation: "Does a thing.", deprecated: { message: "Use New." } })] }), "Old");
    expect(lines.slice(0, 5)).toEqual(["# Old", "", "Does a thing.", "", "> **Deprecated.** Use New."]);
    const older = page(model({ operations: [operation("Older", { deprecated: {} })] }), "Older");
    expect(older.slice(0, 3)).toEqual(["# Older", "", "> **Deprecated.**"]);
  });
});

describe("the request syntax spells out every kind of value", () => {
  const ir = model({
    operations: [operation("PutThing", { input: "PutThingInput" })],
    shapes: [
      structure("PutThingInput", [
        member("text", smithy.String),
        member("flag", smithy.Boolean),
        member("count", smithy.Long),
        member("ratio", smithy.Double),
        member("exact", smithy.BigDecimal),
        member("data", smithy.Blob),
        member("status", "Status"),
        member("level", "Level"),
        member("when", smithy.Timestamp),
        member("isoWhen", smithy.Timestamp, { timestampFormat: "date-time" }),
        member("anything", smithy.Document),
        member("revision", "Revision"),
        member("tags", "TagList"),
        member("counts", "Counts"),
        member("source", "Source"),
      ]),
      enumShape("Status", { OK: "ok" }),
      intEnum("Level", { LOW: 1 }),
      structure("Revision", [member("id", smithy.String), member("at", smithy.Timestamp, { timestampFormat: "http-date" })]),
      list("TagList", smithy.String),
      map("Counts", smithy.String, "Revision"),
      union("Source", [member("url", smithy.String)]),
    ],
  });

  it("nested structures, lists and maps inline, unions as a pointer", () => {
    const syntax = section(page(ir, "PutThing"), "## Request syntax");
    expect(syntax.slice(syntax.indexOf("{"), -1)).toEqual([
      "{",
      '   "text": "string",',
      '   "flag": boolean,',
      '   "count": number,',
      '   "ratio": number,',
      '   "exact": "string",',
      '   "data": "string",',
      '   "status": "string",',
      '   "level": number,',
      '   "when": number,',
      '   "isoWhen": "string",',
      '   "anything": JSON value,',
      '   "revision": {',
      '      "id": "string",',
      '      "at": "string"',
      "   },",
      '   "tags": [',
      '      "string"',
      "   ],",
      '   "counts": {',
      '      "string": {',
      '         "id": "string",',
      '         "at": "string"',
      "      }",
      "   },",
      '   "source": { /* one member of Source */ }',
      "}",
    ]);
  });

  it("a timestamp without @timestampFormat is shown in the protocol's default format", () => {
    const ir = model({
      operations: [operation("PutThing", { input: "PutThingInput" })],
      shapes: [structure("PutThingInput", [member("when", smithy.Timestamp), member("seconds", smithy.Timestamp, { timestampFormat: "epoch-seconds" })])],
    });
    const body = (lines: string[]) => lines.slice(lines.indexOf("{"), -1);
    expect(body(section(page(ir, "PutThing"), "## Request syntax"))).toEqual(["{", '   "when": number,', '   "seconds": number', "}"]);
    // A protocol whose timestamps default to date-time strings: only the member without a format follows it.
    const dateTime: Protocol = { ...awsJson1_1, defaultTimestampFormat: "date-time" };
    const other = emitDocs(ir, dateTime).find((file) => file.path === "PutThing.md")!.contents.split("\n");
    expect(body(section(other, "## Request syntax"))).toEqual(["{", '   "when": "string",', '   "seconds": number', "}"]);
  });

  it.each([
    ["text", "String"],
    ["flag", "Boolean"],
    ["count", "Long"],
    ["ratio", "Double"],
    ["exact", "BigDecimal"],
    ["data", "Blob"],
    ["status", "String"],
    ["level", "Integer"],
    ["when", "Timestamp"],
    ["anything", "Document"],
    ["revision", "[Revision](#revision) object"],
    ["tags", "Array of String"],
    ["counts", "String to [Revision](#revision) object map"],
    ["source", "[Source](#source) object"],
  ])("parameter %s has type %s", (name, type) => {
    expect(section(section(page(ir, "PutThing"), "## Request parameters"), `### ${name}`)[0]).toBe(`- Type: ${type}`);
  });

  it("every structure and union it reaches is a data type, in order of first use", () => {
    const lines = page(ir, "PutThing");
    const types = section(lines, "## Data types");
    expect(types.filter((line) => line.startsWith("### "))).toEqual(["### Revision", "### Source"]);
    expect(section(types, "### Revision")).toEqual([
      "#### id",
      "",
      "- Type: String",
      "- Required: No",
      "",
      "#### at",
      "",
      "- Type: Timestamp",
      "- Required: No",
    ]);
  });

  it("a union data type: which members, their types, and that exactly one is set", () => {
    const withUnion = model({
      operations: [operation("PutThing", { input: "PutThingInput" })],
      shapes: [
        structure("PutThingInput", [member("source", "Source")]),
        union("Source", [member("url", smithy.String, { documentation: "Where to fetch it.", constraints: { length: { max: 2048 } } }), member("upload", "Upload")], { documentation: "Where the thing comes from." }),
        structure("Upload", [member("bytes", smithy.Blob, { required: true })]),
      ],
    });
    const types = section(page(withUnion, "PutThing"), "## Data types");
    // Upload is reached only through the union's member: it is a data type too.
    expect(types.filter((line) => line.startsWith("### "))).toEqual(["### Source", "### Upload"]);
    expect(section(types, "### Source")).toEqual([
      "Where the thing comes from.",
      "",
      "A union: exactly one of the following members is set.",
      "",
      "#### url",
      "",
      "Where to fetch it.",
      "",
      "- Type: String",
      "- Length constraints: Maximum length of 2048.",
      "",
      "#### upload",
      "",
      "- Type: [Upload](#upload) object",
    ]);
  });

  it("a recursive structure is spelled out once, then pointed back to", () => {
    const recursive = model({
      operations: [operation("PutTree", { input: "PutTreeInput" })],
      shapes: [
        structure("PutTreeInput", [member("tree", "Node")]),
        structure("Node", [member("value", smithy.String), member("children", "NodeList")]),
        list("NodeList", "Node"),
      ],
    });
    const syntax = section(page(recursive, "PutTree"), "## Request syntax");
    expect(syntax.slice(syntax.indexOf("{"), -1)).toEqual([
      "{",
      '   "tree": {',
      '      "value": "string",',
      '      "children": [',
      "         { /* Node, as above */ }",
      "      ]",
      "   }",
      "}",
    ]);
    expect(section(section(page(recursive, "PutTree"), "## Data types"), "### Node")).toContain("- Type: Array of [Node](#node) object");
  });
});

describe("a parameter states what the model says about it", () => {
  it.each<[string, { given: Parameters<typeof member>[2] & { target?: string }; want: string[] }]>([
    ["a pattern", { given: { constraints: { pattern: "^[a-z]+$" } }, want: ["- Type: String", "- Pattern: `^[a-z]+$`", "- Required: No"] }],
    ["a lower bound only", { given: { constraints: { length: { min: 1 } } }, want: ["- Type: String", "- Length constraints: Minimum length of 1.", "- Required: No"] }],
    ["a list's length counts its items", { given: { target: "Tags", constraints: { length: { min: 1, max: 5 } } }, want: ["- Type: Array of String", "- Array members: Minimum number of 1 item. Maximum number of 5 items.", "- Required: No"] }],
    ["a map's length counts its entries", { given: { target: "Counts", constraints: { length: { max: 1 } } }, want: ["- Type: String to Integer map", "- Map entries: Maximum number of 1 entry.", "- Required: No"] }],
    ["an upper range bound only", { given: { target: smithy.Integer, constraints: { range: { max: 9 } } }, want: ["- Type: Integer", "- Valid range: Maximum value of 9.", "- Required: No"] }],
    ["an enum's values", { given: { target: "Color" }, want: ["- Type: String", "- Valid values: `red` | `green`", "- Required: No"] }],
    ["an intEnum's values", { given: { target: "Level" }, want: ["- Type: Integer", "- Valid values: `1` | `10`", "- Required: No"] }],
    ["a default", { given: { target: smithy.Integer, default: 3 }, want: ["- Type: Integer", "- Default: `3`", "- Required: No"] }],
    ["sensitivity", { given: { sensitive: true }, want: ["- Type: String", "- Sensitive: yes", "- Required: No"] }],
    ["deprecation, with its message", { given: { deprecated: { message: "Use other." } }, want: ["- Type: String", "- Deprecated: Use other.", "- Required: No"] }],
    ["deprecation without a message", { given: { deprecated: {} }, want: ["- Type: String", "- Deprecated: yes", "- Required: No"] }],
    ["required-ness, also in an @input structure", { given: { required: true }, want: ["- Type: String", "- Required: Yes"] }],
    ["its documentation first", { given: { documentation: "  What it is.\n\nMore about it.  " }, want: ["What it is.", "", "More about it.", "", "- Type: String", "- Required: No"] }],
  ])("%s", (_, { given: { target = smithy.String, ...options }, want }) => {
    const ir = model({
      operations: [operation("PutThing", { input: "PutThingInput" })],
      shapes: [
        structure("PutThingInput", [member("value", target, options)], { isInput: true }),
        enumShape("Color", { RED: "red", GREEN: "green" }),
        intEnum("Level", { LOW: 1, HIGH: 10 }),
        list("Tags", smithy.String),
        map("Counts", smithy.String, smithy.Integer),
      ],
    });
    expect(section(section(page(ir, "PutThing"), "## Request parameters"), "### value")).toEqual(want);
  });

  it("awsJson keys are member names, whatever @jsonName says", () => {
    const ir = model({
      operations: [operation("PutThing", { input: "PutThingInput" })],
      shapes: [structure("PutThingInput", [member("thingId", smithy.String, { jsonName: "ThingID" })])],
    });
    const lines = page(ir, "PutThing");
    expect(lines).toContain('   "thingId": "string"');
    expect(lines).toContain("### thingId");
    expect(lines.join("\n")).not.toContain("ThingID");
  });
});

describe("errors", () => {
  it("lists each error with its documentation and HTTP status, the service's after the operation's", () => {
    const ir = model({
      operations: [operation("PutThing", { errors: ["NotFound", "Throttled"] })],
      shapes: [
        structure("NotFound", [], { documentation: "No such thing.", error: { fault: "client", httpStatus: 404 } }),
        structure("Throttled", [], { error: { fault: "server", httpStatus: 503 } }),
      ],
    });
    expect(section(page(ir, "PutThing"), "## Errors")).toEqual([
      "### NotFound",
      "",
      "No such thing.",
      "",
      "HTTP status code: 404",
      "",
      "### Throttled",
      "",
      "HTTP status code: 503",
    ]);
  });

  it.each<[string, { given: ModelIR; want: string }]>([
    [
      "an input that is not a structure",
      { given: model({ operations: [operation("PutThing", { input: "JobId" })], shapes: [simple("string", "JobId")] }), want: "docs: test.ns#JobId should be a structure, but is a string." },
    ],
    ["a shape that is not loaded", { given: model({ operations: [operation("PutThing", { input: "Missing" })] }), want: "docs: test.ns#Missing is referenced but not loaded." }],
    [
      "a protocol it does not describe",
      {
        given: model({ service: service("TestService", { protocol: "aws.protocols#restJson1" }), operations: [operation("PutThing")] }),
        want: "docs: test.ns#TestService uses protocol aws.protocols#restJson1; the docs target speaks awsJson1_0 and awsJson1_1 only.",
      },
    ],
  ])("refuses %s, naming it", (_, { given, want }) => {
    expect(() => emitDocs(given)).toThrow(GenerateError);
    expect(() => emitDocs(given)).toThrow(want);
  });
});

describe("the entry page", () => {
  const index = (ir: ModelIR) => emitDocs(ir).find((file) => file.path === INDEX)!.contents.split("\n");
  const things = model({
    service: service("ThingService", { title: "Things", documentation: "Keeps things.\n\nA second paragraph." }),
    operations: [
      operation("PutThing", { documentation: "Puts a thing,\nover two lines.\n\nMore about it.", errors: ["NotFound", "Busy"] }),
      operation("Ping", { errors: ["Busy"] }),
    ],
    shapes: [
      structure("NotFound", [], { documentation: "No such thing.", error: { fault: "client", httpStatus: 404 } }),
      structure("Busy", [], { error: { fault: "server", httpStatus: 503 } }),
    ],
  });

  it("names the service, then links each operation and each error (by ID) to the pages that describe it, with its first paragraph", () => {
    expect(index(things)).toEqual([
      "# Things API reference",
      "",
      "Keeps things.",
      "",
      "A second paragraph.",
      "",
      "Service `ThingService`, version 2024-01-01.",
      "",
      "## Operations",
      "",
      "- [PutThing](PutThing.md): Puts a thing, over two lines.",
      "- [Ping](Ping.md)",
      "",
      "## Errors",
      "",
      "- Busy (HTTP 503), from [PutThing](PutThing.md#busy), [Ping](Ping.md#busy)",
      "- NotFound (HTTP 404), from [PutThing](PutThing.md#notfound): No such thing.",
    ]);
  });

  it("links to headings that exist: each error's anchor is a heading of the operation's page", () => {
    const heading = page(things, "PutThing").find((line) => line.startsWith("### ") && line.slice(4).toLowerCase() === "notfound");
    expect(heading).toBe("### NotFound");
  });

  it("without errors, has no errors section; without a title, takes the service's name", () => {
    expect(index(model({ operations: [operation("Ping")] }))).toEqual(["# TestService API reference", "", "Service `TestService`, version 2024-01-01.", "", "## Operations", "", "- [Ping](Ping.md)"]);
  });

  it("an operation whose page would be the entry page is refused, naming it", () => {
    expect(() => emitDocs(model({ operations: [operation("Index")] }))).toThrow(GenerateError);
    expect(() => emitDocs(model({ operations: [operation("Index")] }))).toThrow(/operation test\.ns#Index would have the page index\.md/);
  });
});
