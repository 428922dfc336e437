/**
 * Lets a log line through at most once per key per interval, so a misconfigured or hostile
 * client retrying in a loop cannot flood the log. Counts what it held back, so the next line
 * can say so. Memory stays bounded: when `maxKeys` keys are remembered, stale ones are dropped,
 * and if that is not enough every new key shares one slot (a flood of fresh ids logs once).
 */
export class LogThrottle {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** null: stay quiet; otherwise how many lines of this key were held back since the last. */
  admit(key: string, now: number): number | null {
    const slot = this.slot(key, now);
    const entry = this.last.get(slot);
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed++;

      return null;
    }
    this.last.set(slot, { at: now, suppressed: 0 });

    return entry?.suppressed ?? 0;
  }

  private slot(key: string, now: number): string {
    if (this.last.has(key) || this.last.size < this.maxKeys) return key;
    for (const [k, e] of this.last) if (now - e.at >= this.intervalMs) this.last.delete(k);

    return this.last.size < this.maxKeys ? key : '(too many clients)';
  }
}
