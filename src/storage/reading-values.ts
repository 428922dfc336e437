import type { Reading } from '../domain/reading.js';

/**
 * Ingest validates readings before they reach a store; these guards keep a programming slip
 * from writing NaN or Infinity, which neither SQLite queries nor InfluxDB can aggregate.
 */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** Throws before anything of the batch is written, naming the first bad reading. */
export function assertStorable(readings: readonly Reading[]): void {
  for (const r of readings) {
    if (!Number.isFinite(r.fillPct) || !Number.isFinite(r.ts)) {
      throw new RangeError(
        `reading ${r.dedupeKey} of bin ${r.binId} has a non-finite fillPct or ts ` +
          `(fillPct=${r.fillPct}, ts=${r.ts}); ingest must refuse it`,
      );
    }
  }
}
