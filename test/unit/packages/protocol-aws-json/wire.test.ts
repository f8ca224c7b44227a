// The awsJson wire helpers the generated codecs call, on both sides.
import { describe, expect, it } from "vitest";
import { fromJsonFloat, toDate, toDateTime, toEpochSeconds, toHttpDate, toJsonFloat } from "../../../../packages/protocol-aws-json/src/wire.js";

describe("toDateTime: RFC 3339 in UTC, fractional seconds only when not zero", () => {
  it.each([
    ["whole seconds carry no fraction", "2024-05-06T07:08:09.000Z", "2024-05-06T07:08:09Z"],
    ["milliseconds keep their significant digits", "2024-05-06T07:08:09.250Z", "2024-05-06T07:08:09.25Z"],
    ["one millisecond", "2024-05-06T07:08:09.001Z", "2024-05-06T07:08:09.001Z"],
    ["before the epoch", "1969-12-31T23:59:59.500Z", "1969-12-31T23:59:59.5Z"],
    ["the first year", "0000-01-01T00:00:00.000Z", "0000-01-01T00:00:00Z"],
  ])("%s", (_name, given, want) => {
    expect(toDateTime(new Date(given))).toBe(want);
  });

  it("refuses an Invalid Date and years RFC 3339 cannot write", () => {
    expect(() => toDateTime(new Date(Number.NaN))).toThrow(TypeError);
    expect(() => toDateTime(new Date("+010000-01-01T00:00:00Z"))).toThrow(/RFC 3339/);
  });
});

describe("toDate reads every timestamp form", () => {
  it.each([
    ["epoch seconds", 1714979289, "2024-05-06T07:08:09.000Z"],
    ["epoch seconds with a fraction", 1714979289.25, "2024-05-06T07:08:09.250Z"],
    ["a date-time with an offset", "2024-05-06T09:08:09+02:00", "2024-05-06T07:08:09.000Z"],
    ["a date-time with a long fraction", "2024-05-06T07:08:09.123456789Z", "2024-05-06T07:08:09.123Z"],
    ["an HTTP date", "Mon, 06 May 2024 07:08:09 GMT", "2024-05-06T07:08:09.000Z"],
  ])("%s", (_name, given, want) => {
    expect(toDate(given).toISOString()).toBe(want);
  });

  it("round-trips what the writers produce", () => {
    const at = new Date("2024-05-06T07:08:09.250Z");
    expect(toDate(toDateTime(at))).toEqual(at);
    expect(toDate(toEpochSeconds(at))).toEqual(at);
    expect(toDate(toHttpDate(new Date("2024-05-06T07:08:09Z")))).toEqual(new Date("2024-05-06T07:08:09Z"));
  });
});

describe("floats: JSON has no NaN or infinities", () => {
  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
    [1.5, 1.5],
    [-0, -0],
  ])("%s travels as %j and comes back", (value, wire) => {
    expect(toJsonFloat(value)).toStrictEqual(wire);
    expect(fromJsonFloat(wire)).toStrictEqual(value);
  });
});
