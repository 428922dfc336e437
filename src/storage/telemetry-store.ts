import type { BinLatest, Reading, ReadingQuality, SeriesBucket } from '../domain/reading.js';

export interface WriteResult {
  /** Readings newly stored. */
  written: number;
  /** Readings already stored under the same dedupe key (redeliveries). */
  duplicates: number;
  /**
   * Readings the backing server refused as invalid; they sit in the adapter's quarantine with
   * the server's message instead of being stored (InfluxDB only).
   */
  rejected?: number;
}

export interface SeriesQuery {
  from: number;
  to: number;
  /** Bucket width in ms; buckets are aligned to WIB midnight so days are local days. */
  everyMs: number;
  /** Only readings of these qualities count (default: all of them). */
  qualities?: readonly ReadingQuality[];
}

/** A revised quality verdict for a stored reading, named by its dedupe key. */
export interface QualityFix {
  dedupeKey: string;
  quality: ReadingQuality;
  qualityReason: string | null;
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
  /** Buckets holding at least one reading in [from, to), oldest first. */
  series(binId: string, query: SeriesQuery): Promise<SeriesBucket[]>;
  /**
   * Mean fill over all bins of an area, per bucket: each bin's mean weighs the same however often
   * it reports; count is the number of readings, min and max are the extreme single readings.
   */
  areaSeries(areaId: string, query: SeriesQuery): Promise<SeriesBucket[]>;
  /**
   * Replaces the verdict of readings already stored, when later readings settled a suspected
   * spike; returns how many were found. Optional: a store without it keeps first verdicts
   * (the InfluxDB adapter, where quality is a tag and a point cannot be re-tagged in place).
   */
  correctQuality?(fixes: readonly QualityFix[]): Promise<number>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
