// Operations bound through resources (from JSON AST literals): every one the service
// reaches, as Smithy's TopDownIndex collects them, once each, with what the service gives
// every operation (its errors, its renames, its pagination defaults).
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import { id, load, smithy, type AstShape } from "../../../support/ir.js";

const ref = (name: string) => ({ target: id(name) });
/** An operation with its own input structure `<Name>Input` holding these members. */
const op = (name: string, members: Record<string, { target: string }> = {}): Record<string, AstShape> => ({
  [name]: { type: "operation", input: ref(`${name}Input`), output: { target: smithy.Unit } },
  [`${name}Input`]: { type: "structure", members },
});

const shapes: Record<string, AstShape> = {
  Op: { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit } },
  Thing: {
    type: "resource",
    identifiers: { thingId: { target: smithy.String } },
    create: ref("CreateThing"),
    put: ref("PutThing"),
    read: ref("GetThing"),
    update: ref("UpdateThing"),
    delete: ref("DeleteThing"),
    list: ref("ListThings"),
    operations: [ref("TouchThing")],
    collectionOperations: [ref("CountThings")],
    resources: [ref("Part")],
  } as AstShape,
  // Bound twice (by Thing and by the service): its operations are collected once.
  Part: { type: "resource", read: ref("GetPart"), operations: [ref("Op")] } as AstShape,
  ...Object.assign({}, ...["CreateThing", "PutThing", "GetThing", "UpdateThing", "DeleteThing", "ListThings", "TouchThing", "CountThings", "GetPart"].map((name) => op(name))),
};
const service = { operations: [ref("Op")], resources: [ref("Thing"), ref("Part")], errors: [ref("Throttled")] };
const throttled = { Throttled: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } } as AstShape };

describe("operations bound through resources", () => {
  it("every lifecycle operation, operation, collection operation and nested resource's, once each, sorted by name", () => {
    const ir = load({ ...shapes, ...throttled }, { serviceShape: service });
    expect(ir.operations.map((operation) => operation.name)).toEqual([
      "CountThings", "CreateThing", "DeleteThing", "GetPart", "GetThing", "ListThings", "Op", "PutThing", "TouchThing", "UpdateThing",
    ]);
    // The service's errors reach them as they reach the operations it binds directly.
    expect(ir.operations.every((operation) => operation.errors.includes(id("Throttled")))).toBe(true);
    expect(ir.shapes.has(id("GetPartInput"))).toBe(true);
    // A resource is no shape of the IR: nothing is generated for it.
    expect(ir.shapes.has(id("Thing"))).toBe(false);
  });

  it("the service's rename and @paginated defaults apply to them too", () => {
    const ir = load(
      {
        ...shapes,
        ...op("ListThings", { token: { target: smithy.String }, size: { target: smithy.Integer } }),
        ListThings: { type: "operation", input: ref("ListThingsInput"), output: ref("ListThingsOutput"), traits: { "smithy.api#paginated": { items: "things" } } },
        ListThingsOutput: { type: "structure", members: { next: { target: smithy.String }, things: { target: id("Names") } } },
        Names: { type: "list", member: { target: smithy.String } },
      },
      {
        serviceShape: { ...service, errors: [], rename: { [id("GetPartInput")]: "PartQuery" } },
        serviceTraits: { "aws.protocols#awsJson1_1": {}, "smithy.api#paginated": { inputToken: "token", outputToken: "next", pageSize: "size" } },
      },
    );
    expect(ir.shapes.get(id("GetPartInput"))?.name).toBe("PartQuery");
    expect(ir.operations.find((operation) => operation.name === "ListThings")?.paginated).toEqual({ inputToken: "token", outputToken: ["next"], items: ["things"], pageSize: "size" });
  });

  it("two operations of one name, one through a resource, are refused, and so is renaming one (Smithy renames no operation)", () => {
    const other = "other.ns#GetThing";
    const twice = { ...shapes, [other]: { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit } } as AstShape };
    const withOther = { ...service, errors: [], operations: [ref("Op"), { target: other }] };
    expect(() => load(twice, { serviceShape: withOther })).toThrow(
      new GenerateError(
        "The model has an error:\n  - other.ns#GetThing, test.ns#GetThing: the same name in the service; other.ns#GetThing and test.ns#GetThing cannot be renamed (a service renames no operation or error): change all but one of those names in the model.",
      ),
    );
    expect(() => load(twice, { serviceShape: { ...withOther, rename: { [other]: "GetOtherThing" } } })).toThrow(
      new GenerateError(
        'The model has an error:\n  - test.ns#TestService: \'rename\' gives other.ns#GetThing the name "GetOtherThing", but it is an operation, which Smithy does not let a service rename; change its name in the model.',
      ),
    );
  });

  it("a structure named like an operation is refused too; simple shapes of one name are not (they are written inline)", () => {
    const clash = {
      Op: { type: "operation", input: ref("Input"), output: { target: smithy.Unit } } as AstShape,
      Input: { type: "structure", members: { a: { target: "other.ns#op" }, b: { target: id("Code") }, c: { target: "other.ns#Code" } } } as AstShape,
      "other.ns#op": { type: "structure", members: {} } as AstShape,
      Code: { type: "string" } as AstShape,
      "other.ns#Code": { type: "string" } as AstShape,
    };
    expect(() => load(clash)).toThrow("  - other.ns#op, test.ns#Op: the same name in the service; give the others a new name with the service's 'rename' (test.ns#Op cannot be renamed: it is an operation).");
    expect(load(clash, { serviceShape: { rename: { "other.ns#op": "OtherOp" } } }).shapes.get("other.ns#op")?.name).toBe("OtherOp");
  });

  it("an error or a resource is never renamed; two structures of one name are, and need to be", () => {
    const clash = {
      Op: { type: "operation", input: ref("Input"), output: { target: smithy.Unit }, errors: [ref("Busy")] } as AstShape,
      Input: { type: "structure", members: { a: { target: "other.ns#Busy" }, b: { target: "other.ns#Input" } } } as AstShape,
      Busy: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } } as AstShape,
      "other.ns#Busy": { type: "structure", members: {} } as AstShape,
      "other.ns#Input": { type: "structure", members: {} } as AstShape,
    };
    expect(() => load(clash)).toThrow(
      new GenerateError(
        "The model has 2 errors:\n" +
          "  - other.ns#Input, test.ns#Input: the same name in the service; give all but one a new name with the service's 'rename'.\n" +
          "  - other.ns#Busy, test.ns#Busy: the same name in the service; give the others a new name with the service's 'rename' (test.ns#Busy cannot be renamed: it is an error).",
      ),
    );
    // The resource Thing is in the model (not bound to the service): still not to be renamed.
    expect(() => load({ ...shapes, ...clash }, { serviceShape: { rename: { [id("Busy")]: "Occupied", [id("Thing")]: "Item", "other.ns#Busy": "BusyNote", "other.ns#Input": "OtherInput" } } })).toThrow(
      new GenerateError(
        "The model has 2 errors:\n" +
          '  - test.ns#TestService: \'rename\' gives test.ns#Busy the name "Occupied", but it is an error, which Smithy does not let a service rename; change its name in the model.\n' +
          '  - test.ns#TestService: \'rename\' gives test.ns#Thing the name "Item", but it is a resource, which Smithy does not let a service rename; change its name in the model.',
      ),
    );
    const renamed = load(clash, { serviceShape: { rename: { "other.ns#Busy": "BusyNote", "other.ns#Input": "OtherInput" } } });
    expect([renamed.shapes.get("other.ns#Busy")?.name, renamed.shapes.get("other.ns#Input")?.name, renamed.shapes.get(id("Busy"))?.name]).toEqual(["BusyNote", "OtherInput", "Busy"]);
  });

  it("a resource bound by a service mixin is reached too", () => {
    const ir = load(
      { ...shapes, Base: { type: "service", version: "1", resources: [ref("Part")], traits: { "smithy.api#mixin": {} } } },
      { serviceShape: { operations: [], mixins: [ref("Base")] } },
    );
    expect(ir.operations.map((operation) => operation.name)).toEqual(["GetPart", "Op"]);
  });

  it("a resource that is not one, or is missing, is named", () => {
    expect(() => load({ ...shapes, ...throttled, Part: { type: "structure", members: {} } }, { serviceShape: service })).toThrow(
      "  - test.ns#Thing: test.ns#Part is bound as a resource, but is a structure.",
    );
    expect(() => load({ ...shapes, ...throttled, Thing: { type: "resource", resources: [ref("Gone")] } as AstShape }, { serviceShape: service })).toThrow(
      "test.ns#Thing refers to test.ns#Gone, which is not in the model.",
    );
  });
});
