// pollDelay (packages/worker/src/backoff.ts): exponential, capped, equal jitter.
import { DEFAULT_POLL_BACKOFF, pollDelay } from "@codepipeline-partner/worker";
import { describe, expect, it } from "vitest";

describe("pollDelay", () => {
  it.each([
    // [attempt, random, expected] with the defaults: 1 s doubling, capped at 30 s.
    [1, 0, 500],
    [1, 1, 1_000],
    [2, 0.5, 1_500],
    [3, 1, 4_000],
    [5, 1, 16_000],
    [6, 0, 15_000],
    [6, 1, 30_000],
    [60, 1, 30_000],
    [10_000, 0, 15_000],
  ])("attempt %i with random %d waits %i ms", (attempt, random, expected) => {
    expect(pollDelay(attempt, {}, () => random)).toBe(expected);
  });

  it("stays between half of the step and the step, for any random value", () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const step = Math.min(80, 5 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = pollDelay(attempt, { baseDelayMs: 5, maxDelayMs: 80 });
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }
    }
  });

  it("takes a base or a cap alone", () => {
    expect(pollDelay(1, { baseDelayMs: 10 }, () => 1)).toBe(10);
    expect(pollDelay(20, { maxDelayMs: 2_000 }, () => 1)).toBe(2_000);
    expect(DEFAULT_POLL_BACKOFF).toEqual({ baseDelayMs: 1_000, maxDelayMs: 30_000 });
  });
});
