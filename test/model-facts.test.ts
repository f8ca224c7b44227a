// The built model (Smithy's JSON AST, as committed) carries exactly the facts of the
// public API listed in fixtures/facts.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { OUTPUT } from "../codegen/src/pipeline.js";
import { ERROR_MESSAGE, NAMESPACE, OPERATION, SERVICE, STRUCTURES, type MemberFact } from "./fixtures/facts.js";
import { readRepoJson } from "./support/repo.js";

interface AstShape {
  type: string;
  version?: string;
  operations?: Array<{ target: string }>;
  input?: { target: string };
  output?: { target: string };
  errors?: Array<{ target: string }>;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  traits?: Record<string, unknown>;
}

let shapes: Record<string, AstShape>;
const id = (name: string) => `${NAMESPACE}#${name}`;
const shape = (name: string): AstShape => {
  const found = shapes[id(name)];
  if (!found) throw new Error(`shape ${name} is not in the JSON AST`);
  return found;
};

beforeAll(async () => {
  const ast = await readRepoJson<{ smithy: string; shapes: Record<string, AstShape> }>(OUTPUT.model);
  expect(ast.smithy).toBe("2.0");
  shapes = ast.shapes;
});

describe("service", () => {
  it("has the version, protocol, auth and aws.api#service traits", () => {
    const service = shape(SERVICE.name);
    expect(service.type).toBe("service");
    expect(service.version).toBe(SERVICE.version);
    expect(service.traits?.[SERVICE.protocol]).toEqual({});
    expect(service.traits?.["aws.auth#sigv4"]).toEqual({ name: SERVICE.sigv4Name });
    expect(service.traits?.["aws.api#service"]).toEqual(SERVICE.awsService);
    expect(service.operations?.map((op) => op.target)).toEqual(SERVICE.operations.map(id));
  });
});

describe("operation", () => {
  it("takes its input, returns Unit and has exactly the four errors", () => {
    const operation = shape(OPERATION.name);
    expect(operation.type).toBe("operation");
    expect(operation.input?.target).toBe(id(OPERATION.input));
    expect(operation.output?.target).toBe(OPERATION.output);
    expect(operation.errors?.map((error) => error.target).sort()).toEqual(OPERATION.errors.map(id).sort());
  });
});

function expectMember(structure: string, fact: MemberFact) {
  const member = shape(structure).members?.[fact.member];
  expect(member, `${structure}$${fact.member}`).toBeDefined();
  expect(member!.target).toBe(id(fact.target));
  expect("smithy.api#required" in (member!.traits ?? {}), `${structure}$${fact.member} required`).toBe(fact.required);
  const target = shape(fact.target);
  expect(target.type).toBe(fact.type);
  const length = target.traits?.["smithy.api#length"];
  expect(length).toEqual(fact.length ? { min: fact.length[0], max: fact.length[1] } : undefined);
  const range = target.traits?.["smithy.api#range"];
  expect(range).toEqual(fact.range ? { min: fact.range[0], max: fact.range[1] } : undefined);
}

describe.each(Object.entries(STRUCTURES))("structure %s", (name, members) => {
  it("has exactly its members, in order", () => {
    expect(shape(name).type).toBe("structure");
    expect(Object.keys(shape(name).members ?? {})).toEqual(members.map((member) => member.member));
  });
  it.each(members.map((member) => [member.member, member] as const))("member %s has its target, bounds and required-ness", (_, fact) => {
    expectMember(name, fact);
  });
});

describe.each(OPERATION.errors.map((name) => [name]))("error %s", (name) => {
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
    const expected = new Set<string>([SERVICE.name, OPERATION.name, ...OPERATION.errors, ...Object.keys(STRUCTURES), ERROR_MESSAGE.target]);
    for (const members of Object.values(STRUCTURES)) for (const member of members) expected.add(member.target);
    const actual = Object.keys(shapes).filter((key) => key.startsWith(`${NAMESPACE}#`));
    expect(actual.sort()).toEqual([...expected].map(id).sort());
  });

  it("documents every shape and every member", () => {
    const undocumented: string[] = [];
    for (const [key, value] of Object.entries(shapes)) {
      if (!key.startsWith(`${NAMESPACE}#`)) continue;
      if (!value.traits?.["smithy.api#documentation"]) undocumented.push(key);
      for (const [member, definition] of Object.entries(value.members ?? {})) {
        if (!definition.traits?.["smithy.api#documentation"]) undocumented.push(`${key}$${member}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
