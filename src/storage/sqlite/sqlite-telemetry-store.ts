import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { BinLatest, Reading, SeriesBucket } from '../../domain/reading.js';
import { assertStorable } from '../reading-values.js';
import type {
  QualityFix,
  SeriesQuery,
  StoreHealth,
  TelemetryStore,
  WriteResult,
} from '../telemetry-store.js';
import { assertBucketWidth, WIB_BUCKET_ORIGIN_MS } from '../wib-buckets.js';
import { openTelemetryDb } from './open-telemetry-db.js';
import { type ReadingRow, readingFromRow } from './reading-rows.js';
import { migrateTelemetrySchema } from './schema.js';
import { WriterThread } from './writer-thread.js';

export interface SqliteTelemetryStoreOptions {
  /** Database file; its folder is created when missing. */
  file: string;
  logger?: Logger;
}

/** WIB-aligned bucket start of `ts`, in SQL (SQLite's % keeps the dividend's sign). */
const BUCKET_START_SQL = 'ts - ((((ts - @origin) % @every) + @every) % @every)';

/** `@qualities` is a JSON array of accepted qualities, or NULL for all of them. */
const QUALITY_FILTER_SQL =
  '(@qualities IS NULL OR quality IN (SELECT value FROM json_each(@qualities)))';

/**
 * The embedded telemetry store: one SQLite file in WAL mode. Batches are committed with
 * synchronous=FULL on a writer thread, so a resolved batch survives a crash or power loss and
 * the event loop keeps serving during the commit; reads use this thread's own connection.
 * Batching many readings per commit (group commit) keeps ingest fast.
 */
export function openSqliteTelemetryStore(opts: SqliteTelemetryStoreOptions): TelemetryStore {
  mkdirSync(dirname(opts.file), { recursive: true });
  const db = openTelemetryDb(opts.file);

  try {
    migrateTelemetrySchema(db);

    return new SqliteTelemetryStore(db, new WriterThread(opts.file), opts);
  } catch (err) {
    db.close();
    throw err;
  }
}

class SqliteTelemetryStore implements TelemetryStore {
  readonly kind = 'sqlite';

  private closed = false;

  private readonly selectLatest: Database.Statement;

  private readonly selectReadings: Database.Statement;

  private readonly selectSeries: Database.Statement;

  private readonly selectAreaSeries: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: WriterThread,
    private readonly opts: SqliteTelemetryStoreOptions,
  ) {
    this.selectLatest = db.prepare(`
      SELECT bin_id AS binId, device_id AS deviceId, ts, fill_pct AS fillPct, quality,
        battery_pct AS batteryPct, battery_v AS batteryV, temperature_c AS temperatureC,
        tilt_deg AS tiltDeg
      FROM bin_latest ORDER BY bin_id`);

    this.selectReadings = db.prepare(`
      SELECT * FROM readings WHERE bin_id = ? AND ts >= ? AND ts < ? ORDER BY ts, id`);

    this.selectSeries = db.prepare(`
      SELECT ${BUCKET_START_SQL} AS start, COUNT(*) AS count, AVG(fill_pct) AS meanFillPct,
        MIN(fill_pct) AS minFillPct, MAX(fill_pct) AS maxFillPct
      FROM readings
      WHERE bin_id = @id AND ts >= @from AND ts < @to AND ${QUALITY_FILTER_SQL}
      GROUP BY start ORDER BY start`);

    this.selectAreaSeries = db.prepare(`
      WITH per_bin AS (
        SELECT ${BUCKET_START_SQL} AS start, COUNT(*) AS n, AVG(fill_pct) AS mean_fill,
          MIN(fill_pct) AS min_fill, MAX(fill_pct) AS max_fill
        FROM readings
        WHERE area_id = @id AND ts >= @from AND ts < @to AND ${QUALITY_FILTER_SQL}
        GROUP BY start, bin_id
      )
      SELECT start, SUM(n) AS count, AVG(mean_fill) AS meanFillPct, MIN(min_fill) AS minFillPct,
        MAX(max_fill) AS maxFillPct
      FROM per_bin GROUP BY start ORDER BY start`);

    opts.logger?.info({ file: opts.file }, 'telemetry store opened');
  }

  async writeBatch(readings: readonly Reading[]): Promise<WriteResult> {
    this.assertOpen();
    if (readings.length === 0) return { written: 0, duplicates: 0 };
    assertStorable(readings);

    const result = await this.writer.write(readings);
    this.opts.logger?.debug({ batchSize: readings.length, ...result }, 'telemetry batch stored');

    return result;
  }

  async correctQuality(fixes: readonly QualityFix[]): Promise<number> {
    this.assertOpen();

    return fixes.length === 0 ? 0 : this.writer.correct(fixes);
  }

  async latestByBin(): Promise<BinLatest[]> {
    this.assertOpen();

    return this.selectLatest.all() as BinLatest[];
  }

  async readings(binId: string, from: number, to: number): Promise<Reading[]> {
    this.assertOpen();

    return (this.selectReadings.all(binId, from, to) as ReadingRow[]).map(readingFromRow);
  }

  async series(binId: string, query: SeriesQuery): Promise<SeriesBucket[]> {
    return this.bucketed(this.selectSeries, binId, query);
  }

  async areaSeries(areaId: string, query: SeriesQuery): Promise<SeriesBucket[]> {
    return this.bucketed(this.selectAreaSeries, areaId, query);
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { state: 'down', detail: 'telemetry store is closed' };
    if (this.writer.error) return { state: 'down', detail: this.writer.error.message };

    return { state: 'ok' };
  }

  async close(): Promise<void> {
    if (this.closed) return;

    this.closed = true;
    await this.writer.close();
    this.db.close();
    this.opts.logger?.info({ file: this.opts.file }, 'telemetry store closed');
  }

  private bucketed(statement: Database.Statement, id: string, query: SeriesQuery) {
    this.assertOpen();
    assertBucketWidth(query.everyMs);

    return statement.all({
      id,
      from: query.from,
      to: query.to,
      every: query.everyMs,
      origin: WIB_BUCKET_ORIGIN_MS,
      qualities: query.qualities ? JSON.stringify(query.qualities) : null,
    }) as SeriesBucket[];
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('telemetry store is closed');
  }
}
