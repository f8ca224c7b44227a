// Request IDs: UUID-shaped (version 8, RFC 9562's variant), never repeated, and with no
// visible count in them: consecutive IDs differ in more than their last digit.
import { describe, expect, it } from "vitest";
import { newRequestId } from "../../../../../packages/server/src/runtime/request-id.js";

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newRequestId", () => {
  it("is a version 8 UUID of the RFC 9562 variant", () => {
    for (let i = 0; i < 1_000; i++) expect(newRequestId()).toMatch(UUID_V8);
  });

  it("never repeats within a process", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) ids.add(newRequestId());
    expect(ids.size).toBe(200_000);
  });

  it("does not show how many requests came before it", () => {
    const [first, second] = [newRequestId(), newRequestId()];
    const tail = (id: string) => id.slice(-8);
    // A bare counter would change the last digit or two; the mixed counter changes about half the bits.
    let differing = 0;
    for (let i = 0; i < 8; i++) if (tail(first)[i] !== tail(second)[i]) differing++;
    expect(differing).toBeGreaterThanOrEqual(4);
    expect(first.slice(0, 23)).toBe(second.slice(0, 23)); // the random part is drawn once
  });
});
