// The scaffold's sample values from a hand-built IR: how each kind is written in the
// scaffolded test's TypeScript, and the bounds it keeps. (Against the generated
// validators of real models: test/scaffold-samples.test.ts.)
import { describe, expect, it } from "vitest";
import type { Member, Shape } from "../../../../codegen/src/ir/types.js";
import { sampleSource, sampleStructure, type Sample } from "../../../../codegen/src/scaffold/sample-values.js";
import { enumShape, id, intEnum, list, map, member, model, simple, smithy, structure, union } from "../../../support/ir.js";

/** The sample of one required member `m` of a structure, with the shapes it needs. */
function sampleOf(m: Member, shapes: Shape[] = []): Sample {
  const ir = model({ shapes: [structure("Input", [{ ...m, required: true }]), ...shapes] });
  const sample = sampleStructure(ir, id("Input"));
  if (sample?.kind !== "object") throw new Error("a structure's sample is an object");
  return sample.entries[0]![1];
}
const source = (m: Member, shapes: Shape[] = []) => sampleSource(sampleOf(m, shapes));

describe("sample values", () => {
  it.each<[string, Member, Shape[], string]>([
    ["a string of its minimum length", member("s", smithy.String, { constraints: { length: { min: 3 } } }), [], '"xxx"'],
    ["an integer at its minimum", member("n", smithy.Integer, { constraints: { range: { min: 7, max: 9 } } }), [], "7"],
    ["an integer below zero when its maximum is", member("n", smithy.Integer, { constraints: { range: { max: -3 } } }), [], "-3"],
    ["a float range's minimum", member("n", smithy.Double, { constraints: { range: { min: 0.25, max: 0.5 } } }), [], "0.25"],
    ["a bigInteger as a bigint", member("n", smithy.BigInteger, { constraints: { range: { min: 2 } } }), [], "2n"],
    ["a bigDecimal as text", member("n", smithy.BigDecimal), [], '"0"'],
    ["a timestamp at a fixed instant", member("t", smithy.Timestamp), [], 'new Date("2026-01-01T00:00:00.000Z")'],
    ["a blob of its minimum bytes", member("b", smithy.Blob, { constraints: { length: { min: 2 } } }), [], "new Uint8Array([0, 0])"],
    ["an enum value that fits the member's pattern", member("e", "Colour", { constraints: { pattern: "^g" } }), [enumShape("Colour", { RED: "red", GREEN: "green" })], '"green"'],
    ["an intEnum value within the range", member("l", "Level", { constraints: { range: { min: 5 } } }), [intEnum("Level", { LOW: 1, HIGH: 10 })], "10"],
    ["one member of a union", member("u", "Choice"), [union("Choice", [member("a", smithy.Integer), member("b", smithy.String)])], "{ a: 0 }"],
    ["a map's keys quoted", member("m", "Labels", { constraints: { length: { min: 2 } } }), [map("Labels", smithy.String, smithy.Boolean)], '{ "x": true, "y": false }'],
    ["an empty list when none is required", member("l", "Names"), [list("Names", smithy.String)], "[]"],
  ])("%s", (_, m, shapes, want) => {
    expect(source(m, shapes)).toBe(want);
  });

  it("gives a @uniqueItems list distinct items, each within its member's bounds", () => {
    const names = list("Names", smithy.String, { member: { constraints: { length: { min: 2, max: 2 } } } });
    const sample = sampleOf(member("l", "Names", { constraints: { length: { min: 4 }, uniqueItems: true } }), [names]);
    expect(sample.kind === "list" && sample.items.map((item) => (item.kind === "string" ? item.value : ""))).toEqual(["xx", "yy", "zz", "aa"]);
    const negative = sampleOf(member("l", "Counts", { constraints: { length: { min: 3 }, uniqueItems: true } }), [list("Counts", smithy.Integer, { member: { constraints: { range: { max: -1 } } } })]);
    expect(sampleSource(negative)).toBe("[-1, -2, -3]");
  });

  it("draws a patterned string that matches, fits its length, and is the same every time", () => {
    const m = member("arn", smithy.String, { constraints: { length: { min: 20, max: 60 }, pattern: "^arn:aws:thing:[a-z0-9-]+:[0-9]{12}:id/.+$" } });
    const sample = sampleOf(m);
    const value = sample.kind === "string" ? sample.value : "";
    expect(value).toMatch(/^arn:aws:thing:[a-z0-9-]+:[0-9]{12}:id\/.+$/u);
    expect([...value].length).toBeGreaterThanOrEqual(20);
    expect([...value].length).toBeLessThanOrEqual(60);
    expect(source(m)).toBe(JSON.stringify(value));
  });

  it("fills every member and gives lists items under members: all, but stops at a recursive shape's depth", () => {
    const ir = model({
      shapes: [
        structure("Node", [member("label", smithy.String), member("children", "Nodes")]),
        list("Nodes", "Node"),
        simple("string", "Unused"),
      ],
    });
    const text = sampleSource(sampleStructure(ir, id("Node"), { members: "all" }));
    expect(text.startsWith('{ label: "x", children: [{ label: "x", children: [')).toBe(true);
    expect(sampleSource(sampleStructure(ir, id("Node")))).toBe("{}");
  });
});
