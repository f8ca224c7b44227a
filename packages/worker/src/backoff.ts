// How long the worker waits before its next poll when the last one found nothing or
// failed: exponential, capped, with "equal jitter" (between half the step and the step),
// so that idle workers neither hammer the service nor poll in lockstep.

export interface PollBackoff {
  /** The first wait, in milliseconds. Default 1,000. */
  baseDelayMs?: number;
  /** The longest wait, in milliseconds. Default 30,000. */
  maxDelayMs?: number;
}

export const DEFAULT_POLL_BACKOFF: Readonly<Required<PollBackoff>> = Object.freeze({ baseDelayMs: 1_000, maxDelayMs: 30_000 });

/**
 * The wait before the next poll after `attempt` (1, 2, ...) polls in a row that found
 * nothing or failed: between half of min(max, base * 2^(attempt - 1)) and all of it.
 */
export function pollDelay(attempt: number, backoff: PollBackoff = {}, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = { ...DEFAULT_POLL_BACKOFF, ...backoff };
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
  return step / 2 + (random() * step) / 2;
}
