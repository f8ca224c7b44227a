// A member named __proto__ (by name or @jsonName) is refused, naming it: assigning it to a
// JavaScript object sets the object's prototype. Other names every object inherits
// (constructor, toString) are generated, read as own properties.
import { describe, expect, it } from "vitest";
import { loadProblems as problems, smithy } from "../../../support/ir.js";

const why = "a member named '__proto__' is not supported: assigning it to a JavaScript object sets the object's prototype.";

describe("a member named __proto__", () => {
  it("is refused by name and by @jsonName", () => {
    expect(problems({ Input: { type: "structure", members: { ["__proto__"]: { target: smithy.String } } } })).toEqual([`  - test.ns#Input$__proto__: ${why}`]);
    expect(problems({ Input: { type: "structure", members: { proto: { target: smithy.String, traits: { "smithy.api#jsonName": "__proto__" } } } } })).toEqual([`  - test.ns#Input$proto: ${why}`]);
  });

  it("constructor and toString are not refused", () => {
    expect(problems({ Input: { type: "structure", members: { constructor: { target: smithy.String }, toString: { target: smithy.String } } } })).toEqual([]);
  });
});
