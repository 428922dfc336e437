import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { type ReadingRow, readingFromRow, readingToRow } from './reading-rows.js';
import { migrateTelemetrySchema } from './schema.js';

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
 * The embedded telemetry store: one SQLite file in WAL mode. Each writeBatch is one transaction
 * committed with synchronous=FULL, so a resolved batch survives a crash or power loss, and
 * batching many readings per commit (group commit) keeps ingest fast.
 */
export function openSqliteTelemetryStore(opts: SqliteTelemetryStoreOptions): TelemetryStore {
  mkdirSync(dirname(opts.file), { recursive: true });
  const db = new Database(opts.file);

  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrateTelemetrySchema(db);

    return new SqliteTelemetryStore(db, opts);
  } catch (err) {
    db.close();
    throw err;
  }
}

class SqliteTelemetryStore implements TelemetryStore {
  readonly kind = 'sqlite';

  private closed = false;

  private readonly insertReading: Database.Statement;

  private readonly upsertLatest: Database.Statement;

  private readonly writeAll: (readings: readonly Reading[]) => WriteResult;

  private readonly correctAll: (fixes: readonly QualityFix[]) => number;

  private readonly selectLatest: Database.Statement;

  private readonly selectReadings: Database.Statement;

  private readonly selectSeries: Database.Statement;

  private readonly selectAreaSeries: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: SqliteTelemetryStoreOptions,
  ) {
    this.insertReading = db.prepare(`
      INSERT OR IGNORE INTO readings (dedupe_key, device_id, bin_id, area_id, ts, received_at,
        seq, distance_mm, fill_pct, battery_pct, temperature_c, tilt_deg, quality,
        quality_reason, rssi, snr, gateways, source)
      VALUES (@dedupe_key, @device_id, @bin_id, @area_id, @ts, @received_at, @seq, @distance_mm,
        @fill_pct, @battery_pct, @temperature_c, @tilt_deg, @quality, @quality_reason, @rssi,
        @snr, @gateways, @source)`);

    // A late, out-of-order reading must not move a bin's state backwards.
    this.upsertLatest = db.prepare(`
      INSERT INTO bin_latest (bin_id, device_id, ts, fill_pct, quality, battery_pct,
        temperature_c, tilt_deg)
      VALUES (@bin_id, @device_id, @ts, @fill_pct, @quality, @battery_pct, @temperature_c,
        @tilt_deg)
      ON CONFLICT (bin_id) DO UPDATE SET device_id = excluded.device_id, ts = excluded.ts,
        fill_pct = excluded.fill_pct, quality = excluded.quality,
        battery_pct = excluded.battery_pct, temperature_c = excluded.temperature_c,
        tilt_deg = excluded.tilt_deg
      WHERE excluded.ts >= bin_latest.ts`);

    this.writeAll = db.transaction((readings: readonly Reading[]) => {
      let written = 0;

      for (const reading of readings) {
        const row = readingToRow(reading);
        if (this.insertReading.run(row).changes === 0) continue;

        this.upsertLatest.run(row);
        written++;
      }

      return { written, duplicates: readings.length - written };
    });

    const correctReading = db.prepare(`
      UPDATE readings SET quality = @quality, quality_reason = @qualityReason
      WHERE dedupe_key = @dedupeKey`);
    // The bin's state follows when the corrected reading is the one it shows.
    const correctLatest = db.prepare(`
      UPDATE bin_latest SET quality = @quality
      WHERE (bin_id, ts) = (SELECT bin_id, ts FROM readings WHERE dedupe_key = @dedupeKey)`);
    this.correctAll = db.transaction((fixes: readonly QualityFix[]) => {
      let found = 0;
      for (const fix of fixes) {
        if (correctReading.run(fix).changes === 0) continue;
        correctLatest.run(fix);
        found++;
      }

      return found;
    });

    this.selectLatest = db.prepare(`
      SELECT bin_id AS binId, device_id AS deviceId, ts, fill_pct AS fillPct, quality,
        battery_pct AS batteryPct, temperature_c AS temperatureC, tilt_deg AS tiltDeg
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

    const result = this.writeAll(readings);
    this.opts.logger?.debug({ batchSize: readings.length, ...result }, 'telemetry batch stored');

    return result;
  }

  async correctQuality(fixes: readonly QualityFix[]): Promise<number> {
    this.assertOpen();

    return fixes.length === 0 ? 0 : this.correctAll(fixes);
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

    return { state: 'ok' };
  }

  async close(): Promise<void> {
    if (this.closed) return;

    this.closed = true;
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
