// The built model (Smithy's JSON AST, as committed) carries exactly the facts of the
// public API listed in fixtures/facts.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { OUTPUT } from "../codegen/src/pipeline.js";
import {
  ALL_STRUCTURES,
  ENUMS,
  ERROR_MESSAGE,
  ERRORS,
  LISTS,
  MAPS,
  NAMESPACE,
  OPERATIONS,
  OUTPUT_STRUCTURES,
  SENSITIVE,
  SERVICE,
  type ShapeMemberFact,
} from "./fixtures/facts.js";
import { readRepoJson } from "./support/repo.js";

interface AstShape {
  type: string;
  version?: string;
  operations?: Array<{ target: string }>;
  input?: { target: string };
  output?: { target: string };
  errors?: Array<{ target: string }>;
  member?: { target: string };
  key?: { target: string };
  value?: { target: string };
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  traits?: Record<string, unknown>;
}

let shapes: Record<string, AstShape>;
const id = (name: string) => (name.includes("#") ? name : `${NAMESPACE}#${name}`);
const shape = (name: string): AstShape => {
  const found = shapes[id(name)];
  if (!found) throw new Error(`shape ${name} is not in the JSON AST`);
  return found;
};
const ownShapes = () => Object.entries(shapes).filter(([key]) => key.startsWith(`${NAMESPACE}#`));

beforeAll(async () => {
  const ast = await readRepoJson<{ smithy: string; shapes: Record<string, AstShape> }>(OUTPUT.model);
  expect(ast.smithy).toBe("2.0");
  shapes = ast.shapes;
});

describe("service", () => {
  it("has the version, protocol, auth and aws.api#service traits, and exactly the five partner-action operations", () => {
    const service = shape(SERVICE.name);
    expect(service.type).toBe("service");
    expect(service.version).toBe(SERVICE.version);
    expect(service.traits?.[SERVICE.protocol]).toEqual({});
    expect(service.traits?.["aws.auth#sigv4"]).toEqual({ name: SERVICE.sigv4Name });
    expect(service.traits?.["aws.api#service"]).toEqual(SERVICE.awsService);
    expect(service.operations?.map((op) => op.target)).toEqual(SERVICE.operations.map(id));
    expect(OPERATIONS.map((fact) => fact.name)).toEqual([...SERVICE.operations]);
  });
});

describe.each(OPERATIONS.map((fact) => [fact.name, fact] as const))("operation %s", (name, fact) => {
  it("takes its input, returns its output and has exactly its errors", () => {
    const operation = shape(name);
    expect(operation.type).toBe("operation");
    expect(operation.input?.target).toBe(id(fact.input));
    expect(operation.output?.target).toBe(id(fact.output));
    expect(operation.errors?.map((error) => error.target).sort()).toEqual(fact.errors.map(id).sort());
  });

  it("is called with the X-Amz-Target the SDK sends", () => {
    // awsJson: the target is the service shape's name, a dot, and the operation's name.
    expect(fact.target).toBe(`${SERVICE.name}.${name}`);
  });
});

function expectMember(structure: string, fact: ShapeMemberFact) {
  const member = shape(structure).members?.[fact.member];
  expect(member, `${structure}$${fact.member}`).toBeDefined();
  expect(member!.target).toBe(id(fact.target));
  expect("smithy.api#required" in (member!.traits ?? {}), `${structure}$${fact.member} required`).toBe(fact.required);
  // Constraints live on the target shapes, never on the members.
  for (const trait of ["smithy.api#length", "smithy.api#range", "smithy.api#pattern"]) {
    expect(member!.traits?.[trait], `${structure}$${fact.member} ${trait}`).toBeUndefined();
  }
  const target = shape(fact.target);
  expect(target.type).toBe(fact.type);
  const length = target.traits?.["smithy.api#length"];
  expect(length).toEqual(fact.length ? { min: fact.length[0], max: fact.length[1] } : undefined);
  const range = target.traits?.["smithy.api#range"];
  const expectedRange = fact.range && (fact.range[1] === undefined ? { min: fact.range[0] } : { min: fact.range[0], max: fact.range[1] });
  expect(range).toStrictEqual(expectedRange);
  expect(target.traits?.["smithy.api#pattern"]).toBe(fact.pattern);
}

describe.each(Object.entries(ALL_STRUCTURES))("structure %s", (name, members) => {
  it("has exactly its members, in order", () => {
    expect(shape(name).type).toBe("structure");
    expect(Object.keys(shape(name).members ?? {})).toEqual(members.map((member) => member.member));
  });
  it.each(members.map((member) => [member.member, member] as const))("member %s has its target, bounds, pattern and required-ness", (_, fact) => {
    expectMember(name, fact);
  });
});

describe("the facts' patterns", () => {
  it("compile as JavaScript regular expressions and accept and refuse what the reference's values do", () => {
    const pattern = (structure: string, member: string) => new RegExp(ALL_STRUCTURES[structure]!.find((fact) => fact.member === member)!.pattern!, "u");
    expect(pattern("ThirdPartyJob", "jobId").test("a1b2c3d4-5678-90ab-cdef-0123456789ab")).toBe(true);
    expect(pattern("ThirdPartyJob", "jobId").test("x a1b2c3d4-5678-90ab-cdef-0123456789ab")).toBe(false);
    expect(pattern("ActionTypeId", "provider").test("My-Provider_2")).toBe(true);
    expect(pattern("ActionTypeId", "provider").test("My Provider")).toBe(false);
    expect(pattern("PipelineContext", "pipelineName").test("my.pipeline@prod-1_a")).toBe(true);
    expect(pattern("PipelineContext", "pipelineName").test("my pipeline")).toBe(false);
    expect(pattern("PipelineContext", "pipelineArn").test("arn:aws:codepipeline:us-east-1:123456789012:MyPipeline")).toBe(true);
    expect(pattern("PipelineContext", "pipelineArn").test("arn:aws-cn:codepipeline:cn-north-1:123456789012:MyPipeline")).toBe(true);
    expect(pattern("PipelineContext", "pipelineArn").test("arn:aws:s3:::bucket")).toBe(false);
    expect(pattern("Artifact", "name").test("SourceArtifact")).toBe(true);
    expect(pattern("Artifact", "name").test("Source.zip")).toBe(false);
  });
});

describe.each(Object.entries(ENUMS))("enum %s", (name, values) => {
  it("has exactly its values, in the reference's order, each member named as its value", () => {
    const found = shape(name);
    expect(found.type).toBe("enum");
    expect(Object.keys(found.members ?? {})).toEqual([...values]);
    for (const [member, definition] of Object.entries(found.members ?? {})) {
      expect(definition.traits?.["smithy.api#enumValue"]).toBe(member);
    }
  });
});

describe.each(Object.entries(LISTS))("list %s", (name, member) => {
  it(`holds ${member} structures, with no bounds and no sparse values`, () => {
    const found = shape(name);
    expect(found.type).toBe("list");
    expect(found.member?.target).toBe(id(member));
    expect(found.traits?.["smithy.api#length"]).toBeUndefined();
    expect(found.traits?.["smithy.api#sparse"]).toBeUndefined();
  });
});

describe.each(Object.entries(MAPS))("map %s", (name, fact) => {
  it("has its key and value shapes, each bounded in length", () => {
    const found = shape(name);
    expect(found.type).toBe("map");
    expect(found.key?.target).toBe(id(fact.key.target));
    expect(found.value?.target).toBe(id(fact.value.target));
    expect(found.traits?.["smithy.api#length"]).toBeUndefined();
    for (const part of [fact.key, fact.value]) {
      expect(shape(part.target).type).toBe("string");
      expect(shape(part.target).traits?.["smithy.api#length"]).toEqual({ min: part.length[0], max: part.length[1] });
    }
  });
});

describe("traits beyond the members", () => {
  it("exactly the credentials and their three strings are @sensitive", () => {
    const sensitive = ownShapes().filter(([, value]) => value.traits && "smithy.api#sensitive" in value.traits).map(([key]) => key);
    expect(sensitive.sort()).toEqual(SENSITIVE.map(id).sort());
    for (const [key, value] of ownShapes()) {
      for (const [member, definition] of Object.entries(value.members ?? {})) {
        expect(definition.traits?.["smithy.api#sensitive"], `${key}$${member}`).toBeUndefined();
      }
    }
  });

  it("the output structures are @output; no structure is @input", () => {
    const outputs = ownShapes().filter(([, value]) => value.traits && "smithy.api#output" in value.traits).map(([key]) => key);
    expect(outputs.sort()).toEqual(OUTPUT_STRUCTURES.map(id).sort());
    expect(ownShapes().filter(([, value]) => value.traits && "smithy.api#input" in value.traits)).toEqual([]);
  });
});

describe.each(ERRORS.map((name) => [name]))("error %s", (name) => {
  it("is a client error whose only member is message", () => {
    const error = shape(name);
    expect(error.type).toBe("structure");
    expect(error.traits?.["smithy.api#error"]).toBe("client");
    // awsJson1_1 answers client errors with 400; no @httpError overrides it.
    expect(error.traits?.["smithy.api#httpError"]).toBeUndefined();
    expect(Object.keys(error.members ?? {})).toEqual(["message"]);
    expectMember(name, ERROR_MESSAGE);
  });
});

describe("the namespace", () => {
  it("holds exactly the shapes the facts name, and nothing else", () => {
    const expected = new Set<string>([
      SERVICE.name,
      ...OPERATIONS.map((fact) => fact.name),
      ...ERRORS,
      ...Object.keys(ALL_STRUCTURES),
      ...Object.keys(ENUMS),
      ...Object.keys(LISTS),
      ...Object.keys(MAPS),
      ERROR_MESSAGE.target,
    ]);
    for (const members of Object.values(ALL_STRUCTURES)) for (const member of members) expected.add(member.target);
    for (const fact of Object.values(MAPS)) expected.add(fact.key.target).add(fact.value.target);
    const actual = ownShapes().map(([key]) => key);
    expect(actual.sort()).toEqual([...expected].map(id).sort());
  });

  it("documents every shape and every member", () => {
    const undocumented: string[] = [];
    for (const [key, value] of ownShapes()) {
      if (!value.traits?.["smithy.api#documentation"]) undocumented.push(key);
      for (const [member, definition] of Object.entries(value.members ?? {})) {
        if (!definition.traits?.["smithy.api#documentation"]) undocumented.push(`${key}$${member}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
