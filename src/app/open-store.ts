import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/schema.js';
import {
  type InfluxTelemetryStore,
  openInfluxTelemetryStore,
} from '../storage/influx/influx-telemetry-store.js';
import type { BinInfo } from '../storage/influx/line-protocol.js';
import type { InfluxStoreEvent } from '../storage/influx/store-events.js';
import { openSqliteTelemetryStore } from '../storage/sqlite/sqlite-telemetry-store.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';

export interface StoreWiring {
  logger: Logger;
  metrics: Registry;
  /** Registry facts tagged on each InfluxDB point (land use, kind) for the dashboards. */
  binInfo: (binId: string) => BinInfo | undefined;
  /** The InfluxDB adapter's state changes: server down/up, spool near its bound, rejections. */
  onInfluxEvent: (event: InfluxStoreEvent, store: InfluxTelemetryStore) => void;
}

const MIB = 1024 * 1024;

/** Picks the telemetry store the configuration names: SQLite (default) or InfluxDB. */
export async function openTelemetryStore(
  config: Config,
  wiring: StoreWiring,
): Promise<TelemetryStore> {
  if (config.store === 'sqlite') {
    return openSqliteTelemetryStore({
      file: join(config.dataDir, 'telemetry.db'),
      logger: wiring.logger,
    });
  }

  const { influx } = config;
  let store: InfluxTelemetryStore | null = null;
  store = await openInfluxTelemetryStore({
    url: influx.url,
    token: influx.token,
    username: influx.username,
    password: influx.password,
    org: influx.org,
    bucket: influx.bucket,
    // The spool is what keeps acknowledged readings while InfluxDB is away: keep it beside
    // the registry, on the same durable disk.
    spoolDir: join(config.dataDir, 'influx-spool'),
    writeApi: influx.writeApi,
    batchSize: influx.batchSize,
    flushIntervalMs: influx.flushIntervalMs,
    maxRetryDelayMs: influx.maxRetryDelayMs,
    spoolMaxBytes: influx.spoolMaxMb * MIB,
    binInfo: wiring.binInfo,
    registry: wiring.metrics,
    logger: wiring.logger,
    onEvent: (event) => {
      if (store) wiring.onInfluxEvent(event, store);
    },
  });

  return store;
}
