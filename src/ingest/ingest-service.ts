import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Reading, ReadingQuality } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import type { QualityCorrection } from '../quality/index.js';
import { GroupCommit } from '../shared/group-commit.js';
import { LogThrottle } from '../shared/log-throttle.js';
import { RecentKeys } from '../shared/recent-keys.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import type { DeviceDirectory } from './device-directory.js';
import { type IngestLimits, parseNativeTelemetry } from './parse-native.js';
import { type Measurement, type QualityStage, storedSample } from './quality-stage.js';
import type { QuarantineEntry, QuarantineRepo } from './quarantine-repo.js';
import { type Rejection, reject } from './rejections.js';

export type IngestOutcome =
  | { status: 'stored'; reading: Reading }
  | { status: 'duplicate' }
  | { status: 'rejected'; rejection: Rejection };

export interface IngestOptions extends IngestLimits {
  batchMaxSize: number;
  batchMaxWaitMs: number;
}

export interface IngestDeps {
  directory: DeviceDirectory;
  store: TelemetryStore;
  quarantine: QuarantineRepo;
  quality: QualityStage;
  options: IngestOptions;
  logger: Logger;
  metrics: Registry;
  now?: () => number;
}

type StoredListener = (readings: Reading[]) => void;

/**
 * The ingestion use case: every input path (native MQTT, LoRaWAN envelopes, HTTP) ends here.
 * Good readings are group-committed to the telemetry store, refused ones to quarantine; either
 * way the returned promise settles only once the outcome is durable, so the broker can hold
 * the QoS 1 acknowledgement until then.
 */
export class IngestService {
  private readonly readings: GroupCommit<Reading, boolean>;
  private readonly rejected: GroupCommit<QuarantineEntry>;
  private readonly recent = new RecentKeys(10 * 60_000);
  /** Refusals are logged at most once a minute per device (or topic); counted every time. */
  private readonly refusalLogs = new LogThrottle(60_000);
  private readonly listeners: StoredListener[] = [];
  private readonly now: () => number;
  private readonly counters;
  /** Verdicts judged since metrics were last read, by quality. */
  private readonly verdicts = new Map<ReadingQuality, number>();

  constructor(private readonly deps: IngestDeps) {
    this.now = deps.now ?? Date.now;
    const verdicts = this.verdicts;
    const { options } = deps;

    this.readings = new GroupCommit(
      (batch) => this.writeReadings(batch),
      options.batchMaxSize,
      options.batchMaxWaitMs,
    );
    this.rejected = new GroupCommit<QuarantineEntry, void>(
      (batch) => {
        deps.quarantine.addMany(batch);

        return batch.map(() => undefined);
      },
      options.batchMaxSize,
      options.batchMaxWaitMs,
    );
    this.counters = {
      stored: new Counter({
        name: 'pesan_ingest_stored_total',
        help: 'Readings stored',
        labelNames: ['source'],
        registers: [deps.metrics],
      }),
      duplicates: new Counter({
        name: 'pesan_ingest_duplicates_total',
        help: 'Redelivered readings stored once',
        registers: [deps.metrics],
      }),
      rejected: new Counter({
        name: 'pesan_ingest_rejected_total',
        help: 'Inputs refused, by reason code',
        labelNames: ['reason'],
        registers: [deps.metrics],
      }),
      judged: new Counter({
        name: 'pesan_ingest_quality_total',
        help: 'Readings judged by the quality gate, by verdict',
        labelNames: ['quality'],
        registers: [deps.metrics],
        // Counted in a plain map on the hot path and handed over when metrics are read: a
        // labelled inc hashes and validates its labels every call.
        collect: () => {
          for (const [quality, n] of verdicts) this.counters.judged.inc({ quality }, n);
          verdicts.clear();
        },
      }),
    };
  }

  /** Called with every batch of newly stored readings (analytics, alerts). */
  onStored(listener: StoredListener): void {
    this.listeners.push(listener);
  }

  async ingestNative(deviceId: string, topic: string, raw: Buffer): Promise<IngestOutcome> {
    const now = this.now();
    const entry = this.deps.directory.get(deviceId);
    if (!entry)
      return this.refuse(reject('unknown-device', deviceId), deviceId, topic, raw, 'mqtt');
    if (!entry.device.enabled) {
      return this.refuse(reject('device-disabled', deviceId), deviceId, topic, raw, 'mqtt');
    }
    if (!entry.bin?.enabled) {
      const detail = `${deviceId} -> ${entry.device.binId}`;

      return this.refuse(reject('unknown-bin', detail), deviceId, topic, raw, 'mqtt');
    }

    const parsed = parseNativeTelemetry(raw, {
      device: entry.device,
      bin: entry.bin,
      now,
      limits: this.deps.options,
    });
    if (!parsed.ok) return this.refuse(parsed, deviceId, topic, raw, 'mqtt');

    const sample = storedSample(parsed.reading);

    return this.ingestMeasurement(
      { reading: parsed.reading, sample, lowBatteryV: null },
      entry.bin,
    );
  }

  /**
   * Judges a decoded, validated reading with the quality gate and stores it with its verdict
   * (every live input path converges here). A duplicate is dropped before the gate sees it, so
   * a redelivery cannot count twice in the bin's history.
   */
  async ingestMeasurement(measurement: Measurement, bin: Bin): Promise<IngestOutcome> {
    if (this.isDuplicate(measurement.reading, measurement.twinKeys)) return { status: 'duplicate' };

    const { reading, corrections } = this.deps.quality.judge(measurement, bin);
    this.verdicts.set(reading.quality, (this.verdicts.get(reading.quality) ?? 0) + 1);
    const outcome = await this.commit(reading);
    if (corrections.length > 0) await this.applyCorrections(corrections);

    return outcome;
  }

  /** Stores a reading whose verdict is already settled (replays, imports, tests). */
  async ingestReading(reading: Reading): Promise<IngestOutcome> {
    if (this.isDuplicate(reading)) return { status: 'duplicate' };

    return this.commit(reading);
  }

  private isDuplicate(reading: Reading, twinKeys: readonly string[] = []): boolean {
    // A twin is only looked up, not recorded: the key stored (and remembered) is the reading's.
    const twin = twinKeys.some((key) => this.recent.has(key));
    if (!twin && !this.recent.seen(reading.dedupeKey)) return false;
    this.counters.duplicates.inc();

    return true;
  }

  private async commit(reading: Reading): Promise<IngestOutcome> {
    try {
      const fresh = await this.readings.add(reading);
      if (!fresh) {
        this.counters.duplicates.inc();

        return { status: 'duplicate' };
      }
    } catch (error) {
      // Not stored: let a redelivery through next time.
      this.recent.forget(reading.dedupeKey);
      throw error;
    }

    return { status: 'stored', reading };
  }

  /** Records a refusal durably, counts it, and logs it at most once a minute per device. */
  async refuse(
    rejection: Rejection,
    deviceId: string | null,
    topic: string,
    raw: Buffer,
    source: string,
  ): Promise<IngestOutcome> {
    const now = this.now();
    this.counters.rejected.inc({ reason: rejection.code });

    const suppressed = this.refusalLogs.admit(deviceId ?? topic, now);
    if (suppressed !== null) {
      this.deps.logger.warn(
        { deviceId, topic, code: rejection.code, reason: rejection.reason, suppressed },
        'input refused',
      );
    }

    await this.rejected.add({
      receivedAt: now,
      source,
      deviceId,
      topic,
      code: rejection.code,
      reason: rejection.reason,
      raw: raw.subarray(0, 4_096),
    });

    return { status: 'rejected', rejection };
  }

  /** Earlier readings are written by now: the group commit writes batches in order. */
  private async applyCorrections(corrections: readonly QualityCorrection[]): Promise<void> {
    const { store, logger } = this.deps;
    if (store.correctQuality === undefined) return;

    try {
      const fixes = corrections.map((c) => ({
        dedupeKey: c.id,
        quality: c.quality,
        qualityReason: c.reason,
      }));
      await store.correctQuality(fixes);
    } catch (error) {
      // The new reading is stored; an earlier verdict left as it was is no reason to refuse it.
      logger.error({ err: error }, 'correcting earlier quality verdicts failed');
    }
  }

  async flush(): Promise<void> {
    await Promise.all([this.readings.flush(), this.rejected.flush()]);
  }

  private async writeReadings(batch: Reading[]): Promise<boolean[]> {
    await this.deps.store.writeBatch(batch);

    // The store reports counts only; readings reaching here passed the recent-key filter, so
    // a store-level duplicate is a redelivery older than its memory (rare): count it stored.
    // One labelled inc per source and batch, not per reading.
    const bySource = new Map<string, number>();
    for (const r of batch) bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
    for (const [source, n] of bySource) this.counters.stored.inc({ source }, n);
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.deps.logger.error({ err: error }, 'stored-readings listener failed');
      }
    }

    return batch.map(() => true);
  }
}
