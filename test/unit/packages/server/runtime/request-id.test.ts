// Request IDs: UUID-shaped (version 8, RFC 9562's variant), never repeated, and with the
// count behind them scrambled over all of their last 48 bits, not shown plainly.
import { describe, expect, it } from "vitest";
import { newRequestId } from "../../../../../packages/server/src/runtime/request-id.js";

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48 counted bits of an ID, as two 24-bit halves. */
const counted = (id: string) => [Number.parseInt(id.slice(24, 30), 16), Number.parseInt(id.slice(30), 16)] as const;
const bits = (value: number) => {
  let count = 0;
  for (let v = value; v; v &= v - 1) count++;
  return count;
};

describe("newRequestId", () => {
  it("is a version 8 UUID of the RFC 9562 variant", () => {
    for (let i = 0; i < 1_000; i++) expect(newRequestId()).toMatch(UUID_V8);
  });

  it("never repeats within a process", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) ids.add(newRequestId());
    expect(ids.size).toBe(200_000);
  });

  it("keeps its random part and changes about half of its 48 counted bits from one ID to the next", () => {
    const ids = Array.from({ length: 2_001 }, () => newRequestId());
    let changed = 0;
    const highHalves = new Set<number>();
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]!.slice(0, 24)).toBe(ids[0]!.slice(0, 24));
      const [highBefore, lowBefore] = counted(ids[i - 1]!);
      const [high, low] = counted(ids[i]!);
      changed += bits(highBefore ^ high) + bits(lowBefore ^ low);
      highHalves.add(high);
    }
    // A bare counter changes about 2 bits a step, all of them low; a permutation about 24.
    expect(changed / 2_000).toBeGreaterThan(20);
    expect(changed / 2_000).toBeLessThan(28);
    expect(highHalves.size).toBeGreaterThan(1_900);
  });
});
