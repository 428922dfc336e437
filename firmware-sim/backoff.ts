/**
 * Reconnect delays: exponential growth capped at `maxMs`, with jitter so a fleet that lost its
 * broker at once does not come back in one synchronised wave.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Delay before reconnect attempt `attempt` (0 = first): uniform between `baseMs` and the
 * exponential ceiling min(maxMs, baseMs x 2^attempt). `random01` is a draw in [0, 1).
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random01: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));

  return Math.round(policy.baseMs + random01 * (ceiling - policy.baseMs));
}
