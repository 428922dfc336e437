import { setTimeout as sleep } from 'node:timers/promises';
import type { BinLatest, Reading, SeriesBucket } from '../../domain/reading.js';
import { assertStorable } from '../reading-values.js';
import type { SeriesQuery, StoreHealth, TelemetryStore, WriteResult } from '../telemetry-store.js';
import { assertBucketWidth } from '../wib-buckets.js';
import { DedupeIndex } from './dedupe-index.js';
import { DurableSpool, type QuarantinedBatch, type SpoolStats } from './durable-spool.js';
import { InfluxHttp } from './influx-http.js';
import { InfluxMetrics } from './influx-metrics.js';
import {
  type InfluxTelemetryStoreOptions,
  type ResolvedInfluxOptions,
  resolveInfluxOptions,
} from './influx-options.js';
import { bucketsFromSeries, latestFromSeries, readingsFromSeries } from './influx-rows.js';
import { InfluxWriter, type WriterMode } from './influx-writer.js';
import { areaSeriesQuery, binSeriesQuery, latestByBinQuery, rawReadingsQuery } from './influxql.js';
import { readingToLine } from './line-protocol.js';
import type { InfluxStoreEvent } from './store-events.js';

export { SpoolFullError } from './durable-spool.js';
export type { InfluxTelemetryStoreOptions } from './influx-options.js';
export type { InfluxStoreEvent } from './store-events.js';

const DEDUPE_PRUNE_EVERY_MS = 3_600_000;

const HEALTH_PING_TIMEOUT_MS = 2000;

/** The InfluxDB adapter: what TelemetryStore promises, plus a look at its spool. */
export interface InfluxTelemetryStore extends TelemetryStore {
  readonly kind: 'influx';
  readonly writerMode: WriterMode;
  spoolStats(): SpoolStats;
  /** Newest first: batches InfluxDB refused as invalid, with its message. */
  quarantined(limit?: number): QuarantinedBatch[];
  /**
   * Writes other points than readings (alert changes, collections: event-points.ts) through
   * the same batching, retries and spool; resolves once they are written or spooled.
   */
  writeLines(lines: readonly string[]): Promise<void>;
}

/** True for the InfluxDB adapter, which can take event points besides readings. */
export function isInfluxStore(store: TelemetryStore): store is InfluxTelemetryStore {
  return store.kind === 'influx' && 'writeLines' in store;
}

/**
 * Opens the InfluxDB telemetry store. It does not need the server to be up: until it is,
 * readings are spooled on local disk and replayed in order once it answers.
 */
export async function openInfluxTelemetryStore(
  options: InfluxTelemetryStoreOptions,
): Promise<InfluxTelemetryStore> {
  const opts = resolveInfluxOptions(options);
  const spool = new DurableSpool(opts.spoolDir, opts.spoolMaxBytes);
  let dedupe: DedupeIndex;
  try {
    dedupe = new DedupeIndex(opts.spoolDir, opts.dedupeWindowMs);
  } catch (err) {
    spool.close();
    throw err;
  }

  return new InfluxStore(opts, spool, dedupe);
}

class InfluxStore implements InfluxTelemetryStore {
  readonly kind = 'influx';

  private readonly http: InfluxHttp;

  private readonly metrics: InfluxMetrics;

  private readonly writer: InfluxWriter;

  private readonly pruneTimer: NodeJS.Timeout;

  private closed = false;

  constructor(
    private readonly opts: ResolvedInfluxOptions,
    private readonly spool: DurableSpool,
    private readonly dedupe: DedupeIndex,
  ) {
    this.http = new InfluxHttp(opts);
    this.metrics = new InfluxMetrics(opts.registry, () => spool.stats(), opts.spoolMaxBytes);
    const log = opts.logger?.child({ store: 'influx' });
    this.writer = new InfluxWriter(this.http, spool, this.metrics, opts, log, (e) => this.emit(e));

    dedupe.pruneOld();
    this.pruneTimer = setInterval(() => dedupe.pruneOld(), DEDUPE_PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    log?.info({ url: opts.url, bucket: opts.bucket }, 'telemetry store opened');
  }

  get writerMode(): WriterMode {
    return this.writer.mode;
  }

  async writeBatch(readings: readonly Reading[]): Promise<WriteResult> {
    this.assertOpen();
    assertStorable(readings);

    const fresh = this.dedupe.claim(readings);
    const duplicates = readings.length - fresh.length;
    this.metrics.pointsDuplicate.inc(duplicates);
    if (fresh.length === 0) return { written: 0, duplicates };

    try {
      const lines = fresh.map((r) => readingToLine(r, this.opts.binInfo?.(r.binId)));
      const { rejectedPoints } = await this.writer.submit(lines);
      this.dedupe.commit(fresh);

      return { written: fresh.length - rejectedPoints, duplicates, rejected: rejectedPoints };
    } catch (err) {
      this.dedupe.release(fresh);
      throw err;
    }
  }

  async writeLines(lines: readonly string[]): Promise<void> {
    this.assertOpen();
    await this.writer.submit(lines);
  }

  async latestByBin(): Promise<BinLatest[]> {
    const [series] = await this.query(latestByBinQuery());

    return latestFromSeries(series ?? []);
  }

  async readings(binId: string, from: number, to: number): Promise<Reading[]> {
    const [series] = await this.query(rawReadingsQuery(binId, from, to));

    return readingsFromSeries(series ?? []);
  }

  async series(binId: string, query: SeriesQuery): Promise<SeriesBucket[]> {
    assertBucketWidth(query.everyMs);
    const [series] = await this.query(binSeriesQuery(binId, query));

    return bucketsFromSeries(series ?? []);
  }

  async areaSeries(areaId: string, query: SeriesQuery): Promise<SeriesBucket[]> {
    assertBucketWidth(query.everyMs);
    const [series] = await this.query(areaSeriesQuery(areaId, query));

    return bucketsFromSeries(series ?? []);
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { state: 'down', detail: 'telemetry store is closed' };

    const spool = this.spool.stats();
    if (this.writer.mode === 'paused') {
      return { state: 'down', detail: `InfluxDB refuses our writes: ${this.writer.lastError}` };
    }
    if (this.writer.spoolFull) {
      const detail = `InfluxDB unreachable and the local spool is full (${spool.bytes} bytes)`;

      return { state: 'down', detail };
    }
    if (spool.points > 0) {
      const ageS = Math.round((Date.now() - (spool.oldestCreatedAtMs ?? Date.now())) / 1000);

      return {
        state: 'degraded',
        spoolDepth: spool.points,
        detail:
          `${spool.points} readings spooled locally (oldest ${ageS} s); ` +
          `last error: ${this.writer.lastError ?? 'none'}`,
      };
    }

    // A readiness probe must answer quickly even when the server hangs.
    const answer = await Promise.race([
      this.http.version().then(
        () => null,
        (err: Error) => err.message,
      ),
      sleep(HEALTH_PING_TIMEOUT_MS, `no answer within ${HEALTH_PING_TIMEOUT_MS} ms`, {
        ref: false,
      }),
    ]);
    if (answer === null) return { state: 'ok' };

    const detail = `InfluxDB unreachable (${answer}); writes will be spooled`;

    return { state: 'degraded', spoolDepth: 0, detail };
  }

  spoolStats(): SpoolStats {
    return this.spool.stats();
  }

  quarantined(limit?: number): QuarantinedBatch[] {
    return this.spool.quarantined(limit);
  }

  async close(): Promise<void> {
    if (this.closed) return;

    this.closed = true;
    clearInterval(this.pruneTimer);
    await this.writer.close();
    this.metrics.unregister();
    this.opts.logger?.info({ spool: this.spool.stats() }, 'telemetry store closed');
    this.dedupe.close();
    this.spool.close();
  }

  private query(influxql: string) {
    this.assertOpen();

    return this.http.query(influxql);
  }

  private emit(event: InfluxStoreEvent): void {
    try {
      this.opts.onEvent?.(event);
    } catch (err) {
      this.opts.logger?.error({ err, event: event.type }, 'influx store event listener failed');
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('telemetry store is closed');
  }
}
