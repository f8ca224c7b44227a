// Mixins as Smithy's model projection writes them (checked against smithy-build's output
// for a small model): a shape lists its `mixins` and leaves out what it inherits (members,
// traits, a list's member, an operation's errors); traits added to an inherited member
// come as separate `"type": "apply"` entries keyed by the member's ID; `@mixin(localTraits)`
// names the mixin's traits that are not inherited.
import { describe, expect, it } from "vitest";
import { GenerateError } from "../../../../codegen/src/errors.js";
import { id, load, member, smithy, structure, type AstShape } from "../../../support/ir.js";

const ref = (name: string) => ({ target: id(name) });
const mixin = (shape: AstShape, traits: Record<string, unknown> = {}): AstShape => ({ ...shape, traits: { "smithy.api#mixin": {}, ...shape.traits, ...traits } });
const base = mixin({
  type: "structure",
  members: {
    id: { target: smithy.String, traits: { "smithy.api#required": {} } },
    note: { target: smithy.String, traits: { "smithy.api#documentation": "From the mixin." } },
  },
});
const inputOf = (shapes: Record<string, AstShape>) => load(shapes).shapes.get(id("Input"));

describe("mixins, as the model projection writes them", () => {
  it("traits applied to an inherited member land on it, over the mixin's", () => {
    expect(
      inputOf({
        Base: base,
        Input: { type: "structure", mixins: [ref("Base")], members: { own: { target: smithy.String } } },
        "Input$id": { type: "apply", traits: { "smithy.api#length": { min: 1 } } },
        "Input$note": { type: "apply", traits: { "smithy.api#documentation": "Applied." } },
      }),
    ).toEqual(
      structure("Input", [
        member("id", smithy.String, { required: true, constraints: { length: { min: 1 } } }),
        member("note", smithy.String, { documentation: "Applied." }),
        member("own", smithy.String),
      ]),
    );
  });

  it("a trait applied to the mixin's member reaches every shape that uses it", () => {
    const shapes = {
      Base: base,
      "Base$note": { type: "apply", traits: { "smithy.api#deprecated": { message: "Old." } } },
      Input: { type: "structure", mixins: [ref("Base")], members: { other: { target: id("Other") } } },
      Other: { type: "structure", mixins: [ref("Base")], members: {} },
    };
    const ir = load(shapes);
    for (const name of ["Input", "Other"]) {
      const note = (ir.shapes.get(id(name)) as { members: Array<{ name: string }> }).members.find((m) => m.name === "note");
      expect(note).toEqual(member("note", smithy.String, { documentation: "From the mixin.", deprecated: { message: "Old." } }));
    }
  });

  it("a member the shape redeclares keeps the mixin member's traits under its own", () => {
    expect(
      inputOf({ Base: base, Input: { type: "structure", mixins: [ref("Base")], members: { note: { target: smithy.String, traits: { "smithy.api#sensitive": {} } } } } }),
    ).toMatchObject({ members: [{ name: "id", required: true }, { name: "note", documentation: "From the mixin.", sensitive: true }] });
  });

  it("@mixin(localTraits) traits stay on the mixin; its other traits are inherited", () => {
    const shapes = {
      Base: mixin(base, { "smithy.api#mixin": { localTraits: ["smithy.api#documentation", "smithy.api#internal"] }, "smithy.api#documentation": "Only the mixin's.", "smithy.api#internal": {}, "smithy.api#tags": ["kept"] }),
      Input: { type: "structure", mixins: [ref("Base")], members: {} },
    };
    expect(inputOf(shapes)).toMatchObject({ otherTraits: ["smithy.api#tags"] });
    expect(inputOf(shapes)).not.toHaveProperty("documentation");
    // Through a mixin of the mixin, too: what the first does not inherit, the second cannot.
    const deeper = { ...shapes, Middle: mixin({ type: "structure", mixins: [ref("Base")], members: {} }), Input: { type: "structure", mixins: [ref("Middle")], members: {} } };
    expect(inputOf(deeper)).toMatchObject({ otherTraits: ["smithy.api#tags"] });
    expect(inputOf(deeper)).not.toHaveProperty("documentation");
  });

  it("a list inherits its member, an operation its errors, a service its operations", () => {
    const ir = load(
      {
        Names: { type: "list", mixins: [ref("NamesBase")] },
        NamesBase: mixin({ type: "list", member: { target: smithy.Integer } }),
        "Names$member": { type: "apply", traits: { "smithy.api#range": { min: 1 } } },
        Input: { type: "structure", members: { names: { target: id("Names") } } },
        OpBase: mixin({ type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit }, errors: [ref("Gone")] }),
        Op: { type: "operation", mixins: [ref("OpBase")], input: ref("Input"), output: { target: smithy.Unit }, errors: [ref("Busy")] },
        ServiceBase: mixin({ type: "service", version: "1", operations: [ref("Other")] }),
        Other: { type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit } },
        Gone: { type: "structure", members: {}, traits: { "smithy.api#error": "client" } },
        Busy: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
      },
      { serviceShape: { mixins: [ref("ServiceBase")] } },
    );
    expect(ir.shapes.get(id("Names"))).toMatchObject({ kind: "list", member: { target: smithy.Integer, constraints: { range: { min: 1 } } } });
    expect(ir.operations.map((operation) => [operation.name, operation.errors])).toEqual([
      ["Op", [id("Gone"), id("Busy")]],
      ["Other", []],
    ]);
  });

  it("an error both the mixin and the operation list is bound once", () => {
    const ir = load({
      OpBase: mixin({ type: "operation", input: { target: smithy.Unit }, output: { target: smithy.Unit }, errors: [ref("Gone"), ref("Busy")] }),
      Op: { type: "operation", mixins: [ref("OpBase")], input: { target: smithy.Unit }, output: { target: smithy.Unit }, errors: [ref("Busy")] },
      Gone: { type: "structure", members: {}, traits: { "smithy.api#error": "client" } },
      Busy: { type: "structure", members: {}, traits: { "smithy.api#error": "server" } },
    });
    expect(ir.operations.find((operation) => operation.name === "Op")?.errors).toEqual([id("Gone"), id("Busy")]);
  });

  it("a service inherits its mixin's renames, under its own", () => {
    const ir = load(
      {
        Op: { type: "operation", input: ref("Input"), output: { target: smithy.Unit } },
        Input: { type: "structure", members: { a: { target: "other.ns#Thing" }, b: { target: "third.ns#Item" } } },
        "other.ns#Thing": { type: "structure", members: {} },
        "third.ns#Item": { type: "structure", members: {} },
        ServiceBase: mixin({ type: "service", version: "1", rename: { "other.ns#Thing": "OtherThing", "third.ns#Item": "MixinItem" } }),
      },
      { serviceShape: { mixins: [ref("ServiceBase")], rename: { "third.ns#Item": "OwnItem" } } },
    );
    expect(ir.shapes.get("other.ns#Thing")?.name).toBe("OtherThing");
    expect(ir.shapes.get("third.ns#Item")?.name).toBe("OwnItem");
  });

  it("a mixin that reaches the shape using it is refused, naming the cycle (Smithy refuses it; a JSON AST from elsewhere may not)", () => {
    const shapes = {
      Input: { type: "structure", mixins: [ref("A")], members: {} },
      A: mixin({ type: "structure", mixins: [ref("B")], members: {} }),
      B: mixin({ type: "structure", mixins: [ref("A")], members: {} }),
    };
    expect(() => load(shapes)).toThrow(new GenerateError("test.ns#A is a mixin of itself (test.ns#A -> test.ns#B -> test.ns#A); a mixin cannot reach the shape that uses it."));
  });
});
