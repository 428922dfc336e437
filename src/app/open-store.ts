import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/schema.js';
import { openSqliteTelemetryStore } from '../storage/sqlite/sqlite-telemetry-store.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';

/** Picks the telemetry store the configuration names. */
export async function openTelemetryStore(
  config: Config,
  logger: Logger,
  _metrics: Registry,
): Promise<TelemetryStore> {
  return openSqliteTelemetryStore({ file: join(config.dataDir, 'telemetry.db'), logger });
}
