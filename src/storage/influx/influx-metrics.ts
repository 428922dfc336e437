import { Counter, Gauge, Histogram, Registry as PromRegistry, type Registry } from 'prom-client';
import type { SpoolStats } from './durable-spool.js';

/**
 * The adapter's Prometheus metrics. They are registered on the app's registry (served at
 * /metrics) and removed again on close, so a store can be reopened in the same process.
 */
export class InfluxMetrics {
  readonly pointsWritten: Counter;

  readonly pointsSpooled: Counter;

  readonly pointsRejected: Counter;

  readonly pointsDuplicate: Counter;

  readonly retries: Counter;

  readonly writeDuration: Histogram<'outcome'>;

  private readonly names: string[];

  constructor(
    private readonly registry: Registry = new PromRegistry(),
    spoolStats: () => SpoolStats,
    spoolLimitBytes: number,
  ) {
    const registers = [registry];
    this.pointsWritten = new Counter({
      name: 'pesan_influx_points_written_total',
      help: 'Readings InfluxDB accepted (directly or replayed from the spool).',
      registers,
    });
    this.pointsSpooled = new Counter({
      name: 'pesan_influx_points_spooled_total',
      help: 'Readings put in the local spool because InfluxDB did not take them in time.',
      registers,
    });
    this.pointsRejected = new Counter({
      name: 'pesan_influx_points_rejected_total',
      help: 'Readings InfluxDB refused as invalid (sent to quarantine).',
      registers,
    });
    this.pointsDuplicate = new Counter({
      name: 'pesan_influx_points_duplicate_total',
      help: 'Redelivered readings recognised by their dedupe key and not sent again.',
      registers,
    });
    this.retries = new Counter({
      name: 'pesan_influx_write_retries_total',
      help: 'Write requests repeated after a retriable failure (network, timeout, 5xx, 429).',
      registers,
    });
    this.writeDuration = new Histogram({
      name: 'pesan_influx_write_duration_seconds',
      help: 'Duration of one write request to InfluxDB, by outcome.',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    new Gauge({
      name: 'pesan_influx_spool_points',
      help: 'Readings waiting in the local spool.',
      registers,
      collect() {
        this.set(spoolStats().points);
      },
    });
    new Gauge({
      name: 'pesan_influx_spool_bytes',
      help: 'Bytes of line protocol waiting in the local spool.',
      registers,
      collect() {
        this.set(spoolStats().bytes);
      },
    });
    new Gauge({
      name: 'pesan_influx_spool_limit_bytes',
      help: 'Bound of the local spool; writes are refused once it is reached.',
      registers,
      collect() {
        this.set(spoolLimitBytes);
      },
    });
    new Gauge({
      name: 'pesan_influx_spool_oldest_age_seconds',
      help: 'Age of the oldest spooled batch (0 when the spool is empty).',
      registers,
      collect() {
        const oldest = spoolStats().oldestCreatedAtMs;
        this.set(oldest === null ? 0 : (Date.now() - oldest) / 1000);
      },
    });
    this.names = [
      'pesan_influx_points_written_total',
      'pesan_influx_points_spooled_total',
      'pesan_influx_points_rejected_total',
      'pesan_influx_points_duplicate_total',
      'pesan_influx_write_retries_total',
      'pesan_influx_write_duration_seconds',
      'pesan_influx_spool_points',
      'pesan_influx_spool_bytes',
      'pesan_influx_spool_limit_bytes',
      'pesan_influx_spool_oldest_age_seconds',
    ];
  }

  unregister(): void {
    for (const name of this.names) this.registry.removeSingleMetric(name);
  }
}
