import type { BinLatest, Reading, SeriesBucket } from '../domain/reading.js';

export interface WriteResult {
  /** Readings newly stored. */
  written: number;
  /** Readings already stored under the same dedupe key (redeliveries). */
  duplicates: number;
}

export interface SeriesQuery {
  from: number;
  to: number;
  /** Bucket width in ms; buckets are aligned to WIB midnight so days are local days. */
  everyMs: number;
}

export type StoreHealth =
  | { state: 'ok' }
  | { state: 'degraded'; detail: string; spoolDepth: number }
  | { state: 'down'; detail: string };

/**
 * Where readings live. The SQLite adapter is the embedded default; the InfluxDB adapter is the
 * production one. Every adapter passes the same contract suite (tests/storage/).
 */
export interface TelemetryStore {
  readonly kind: string;
  /** Resolves only when every reading is durable (stored, or spooled to disk). */
  writeBatch(readings: readonly Reading[]): Promise<WriteResult>;
  latestByBin(): Promise<BinLatest[]>;
  /** Raw readings of one bin in [from, to), oldest first. */
  readings(binId: string, from: number, to: number): Promise<Reading[]>;
  series(binId: string, query: SeriesQuery): Promise<SeriesBucket[]>;
  /** Mean fill over all bins of an area, per bucket. */
  areaSeries(areaId: string, query: SeriesQuery): Promise<SeriesBucket[]>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
