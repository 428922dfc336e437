export interface BackoffOptions {
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  retryBase: number;
  retryJitterMs: number;
}

/**
 * Delay before retry number `attempt` (1 = first retry): exponential from the minimum up to the
 * maximum, or what the server asked for in Retry-After, plus random jitter so writers that
 * failed together do not come back together.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const jitter = Math.round(random() * opts.retryJitterMs);
  if (retryAfterMs !== null) return retryAfterMs + jitter;

  const exponential = opts.minRetryDelayMs * opts.retryBase ** Math.max(0, attempt - 1);

  return Math.min(exponential, opts.maxRetryDelayMs) + jitter;
}

/** A sleep that `wake()` cuts short, so close() never waits out a long backoff. */
export class InterruptibleSleep {
  private wakeUp: (() => void) | null = null;

  private timer: NodeJS.Timeout | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }

  wake(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
    this.timer = null;
    this.wakeUp = null;
  }
}
