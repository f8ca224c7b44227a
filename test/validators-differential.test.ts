// A property-based differential test: our generated validators against Ajv compiled from
// the JSON Schema that Smithy generated from the same model, on 10,000+ random inputs
// near every bound, across all of Unicode.
//
// Allowed differences, each applied explicitly below:
//  1. null members. awsJson1_1 treats a member sent as null like an absent one, so our
//     validators accept null for an optional member; JSON Schema's `type: string` rejects
//     it. Nulls are removed before Ajv sees the value, which keeps a null *required*
//     member a failure on both sides (missing to Ajv, "must not be null" to us).
//  2. Timestamps a Date cannot hold. The schema says only `type: number`; we reject epoch
//     seconds beyond ±8.64e12 (a handler would get an Invalid Date), so Ajv's "valid" is
//     overruled for them.
//  3. Nothing else: string length counts code points on both sides (Ajv's ucs2length),
//     integers and ranges agree, and unknown members are ignored by both.
import * as validators from "@codepipeline-partner/validators";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { OUTPUT } from "../codegen/src/pipeline.js";
import { STRUCTURES, type MemberFact } from "./fixtures/facts.js";
import { readRepoJson } from "./support/repo.js";

let ajvValidate: (value: unknown) => boolean;

beforeAll(async () => {
  const schema = await readRepoJson(OUTPUT.jsonSchema);
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  ajv.addSchema({ ...schema, $id: "model.json" });
  ajvValidate = ajv.compile({ $ref: "model.json#/$defs/PutThirdPartyJobSuccessResultInput" });
});

/** Difference 1: drop null-valued members, at every depth. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/** Difference 2: every timestamp, at any depth, within the range of a Date. */
function datesInRange(value: unknown, structureName: string): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return true;
  return STRUCTURES[structureName]!.every((member) => {
    const memberValue = (value as Record<string, unknown>)[member.member];
    if (member.type === "timestamp") return typeof memberValue !== "number" || Math.abs(memberValue) <= 8.64e12;
    return member.type === "structure" ? datesInRange(memberValue, member.target) : true;
  });
}

const CHARACTERS = ["a", "Z", "0", " ", "é", "中", "😀", "𝔘", "\u0000", "\ud800", "\udc00", "\u200d"];

/** Strings whose code-point length sits on or next to the bounds, or anywhere between. */
function stringNear(min: number, max: number): fc.Arbitrary<string> {
  const length = fc.oneof(fc.constantFrom(0, min - 1, min, min + 1, max - 1, max, max + 1).filter((n) => n >= 0), fc.integer({ min: 0, max: max + 2 }));
  const uniform = fc.tuple(length, fc.constantFrom(...CHARACTERS)).map(([n, ch]) => ch.repeat(n));
  const mixed = fc.tuple(length, fc.array(fc.constantFrom(...CHARACTERS), { minLength: 1, maxLength: 4 })).map(([n, chars]) =>
    Array.from({ length: n }, (_, i) => chars[i % chars.length]).join(""),
  );
  return fc.oneof(uniform, mixed, fc.string({ unit: "binary", maxLength: Math.min(max + 2, 64) }));
}

/** Anything JSON that is not the expected type. */
const wrongType = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant([]), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));

function memberValue(member: MemberFact): fc.Arbitrary<unknown> {
  switch (member.type) {
    case "string":
      return fc.oneof({ weight: 8, arbitrary: stringNear(member.length![0], member.length![1]) }, { weight: 1, arbitrary: wrongType });
    case "integer":
      return fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: member.range![0] - 2, max: member.range![1] + 2 }) },
        { weight: 1, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 0.5, 99.9) },
        { weight: 1, arbitrary: wrongType },
      );
    case "timestamp":
      return fc.oneof(
        { weight: 6, arbitrary: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.double({ min: 0, max: 2e9, noNaN: true })) },
        { weight: 1, arbitrary: fc.constantFrom(8.64e12, -8.64e12, 8.64e12 + 1, -1e300) },
        { weight: 1, arbitrary: wrongType },
      );
    case "structure":
      return fc.oneof({ weight: 8, arbitrary: structure(member.target) }, { weight: 1, arbitrary: wrongType });
  }
}

function structure(name: string): fc.Arbitrary<Record<string, unknown>> {
  const members = STRUCTURES[name]!;
  const record = fc.record(Object.fromEntries(members.map((member) => [member.member, memberValue(member)])), {
    // Every member, required ones included, may be missing.
    requiredKeys: [],
  });
  // Members the model does not know, which both sides must ignore.
  const unknown = fc.dictionary(fc.constantFrom("extra", "__type", "future_member"), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
  return fc.tuple(record, unknown).map(([known, extra]) => ({ ...extra, ...known }));
}

describe("generated validators agree with Ajv on the generated JSON Schema", () => {
  it("on 10,000 random inputs for PutThirdPartyJobSuccessResultInput", () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 20, arbitrary: structure("PutThirdPartyJobSuccessResultInput") }, { weight: 1, arbitrary: wrongType }), (input) => {
        const expected = ajvValidate(withoutNulls(input)) && datesInRange(input, "PutThirdPartyJobSuccessResultInput");
        expect(validators.isPutThirdPartyJobSuccessResultInput(input)).toBe(expected);
        expect(validators.validatePutThirdPartyJobSuccessResultInput(input).ok).toBe(expected);
        if (expected) valid++;
      }),
      { numRuns: 10_000 },
    );
    // Both outcomes were well represented, so the agreement means something. (About 550
    // valid in a run, spread ±40: random doubles where a timestamp belongs are now mostly
    // beyond a Date, hence invalid.)
    expect(valid).toBeGreaterThan(400);
    expect(valid).toBeLessThan(9_500);
  });
});
