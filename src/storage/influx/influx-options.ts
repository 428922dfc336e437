import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { BinInfo } from './line-protocol.js';
import type { InfluxStoreEvent } from './store-events.js';

/** Which write endpoint to use; `auto` asks `/ping` for the server version. */
export type InfluxWriteApi = 'auto' | 'v1' | 'v2';

/**
 * How Pesan Ibu reaches an InfluxDB 1.x, 2.x or 3.x server. The app's configuration fills it
 * from PESAN_INFLUX_* variables; everything but url, bucket and spoolDir has a default.
 */
export interface InfluxTelemetryStoreOptions {
  /** Base URL, e.g. http://influxdb:8086. */
  url: string;
  /** API token (2.x, 3.x; on 1.8 `username:password` works as a token). */
  token?: string;
  /** 1.x credentials; used when no token is given. */
  username?: string;
  password?: string;
  /** 2.x organisation; ignored by 1.x and 3.x. */
  org?: string;
  /** 2.x/3.x bucket, or `database/retention-policy` (or just `database`) for 1.x. */
  bucket: string;
  /** Folder for the spool, quarantine and duplicate index (created when missing). */
  spoolDir: string;
  /** `auto` (default) writes through /write on servers older than 1.8, /api/v2/write otherwise. */
  writeApi?: InfluxWriteApi;
  /** Most lines per write request (default 5000). */
  batchSize?: number;
  /** Most bytes of line protocol per write request (default 4 MiB). */
  maxBatchBytes?: number;
  /**
   * How long a write waits for more lines before it is sent (default 0: send at once; lines
   * arriving while a request is in flight still share the next one).
   */
  flushIntervalMs?: number;
  /** Bodies larger than this are gzipped (default 1000 bytes). */
  gzipThresholdBytes?: number;
  /** Socket timeout of one HTTP request (default 10 s). */
  requestTimeoutMs?: number;
  /** How long a batch is retried in line before it goes to the spool (default 2 s). */
  writeDeadlineMs?: number;
  /** First retry delay (default 200 ms), growing by `retryBase` (2) up to `maxRetryDelayMs`. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  retryBase?: number;
  /** Up to this much random delay is added to every retry (default 250 ms). */
  retryJitterMs?: number;
  /** Spool bound (default 512 MiB); writes are refused, never dropped, once it is reached. */
  spoolMaxBytes?: number;
  /** Fraction of the bound at which the near-limit warning fires (default 0.8). */
  spoolWarnRatio?: number;
  /** Duplicate index keeps keys for this long (default 7 days) after their reading's time. */
  dedupeWindowMs?: number;
  /** Registry facts written with each reading for dashboards (land use, kind, location). */
  binInfo?: (binId: string) => BinInfo | undefined;
  /** Receives state changes: spool near its bound, server down/up, a batch rejected. */
  onEvent?: (event: InfluxStoreEvent) => void;
  /** Metrics are registered here (default: a private registry). */
  registry?: Registry;
  logger?: Logger;
}

type DefaultedKey = keyof typeof DEFAULTS;

export type ResolvedInfluxOptions = InfluxTelemetryStoreOptions & {
  [K in DefaultedKey]-?: NonNullable<InfluxTelemetryStoreOptions[K]>;
} & {
  /** InfluxQL database (the bucket name before any `/`). */
  database: string;
  retentionPolicy: string | undefined;
};

const DEFAULTS = {
  writeApi: 'auto' as InfluxWriteApi,
  batchSize: 5000,
  maxBatchBytes: 4 * 1024 * 1024,
  flushIntervalMs: 0,
  gzipThresholdBytes: 1000,
  requestTimeoutMs: 10_000,
  writeDeadlineMs: 2000,
  minRetryDelayMs: 200,
  maxRetryDelayMs: 30_000,
  retryBase: 2,
  retryJitterMs: 250,
  spoolMaxBytes: 512 * 1024 * 1024,
  spoolWarnRatio: 0.8,
  dedupeWindowMs: 7 * 86_400_000,
} as const;

/** Applies defaults and refuses options that cannot work, naming the option. */
export function resolveInfluxOptions(opts: InfluxTelemetryStoreOptions): ResolvedInfluxOptions {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw new TypeError(`influx url must be an http(s) URL (got "${opts.url}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`influx url must be an http(s) URL (got "${opts.url}")`);
  }
  if (!opts.bucket) throw new TypeError('influx bucket must name a bucket or database/rp');
  if (!opts.spoolDir) throw new TypeError('influx spoolDir must name a folder');
  if ((opts.username === undefined) !== (opts.password === undefined)) {
    throw new TypeError('influx username and password must be given together');
  }

  const resolved = { ...opts, ...DEFAULTS, ...stripUndefined(opts) };
  for (const key of ['batchSize', 'maxBatchBytes', 'requestTimeoutMs', 'spoolMaxBytes'] as const) {
    if (!(resolved[key] > 0)) throw new RangeError(`influx ${key} must be positive`);
  }
  if (!(resolved.spoolWarnRatio > 0 && resolved.spoolWarnRatio <= 1)) {
    throw new RangeError('influx spoolWarnRatio must be in (0, 1]');
  }

  const [database, ...rp] = opts.bucket.split('/');

  return { ...resolved, database: database!, retentionPolicy: rp.join('/') || undefined };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
