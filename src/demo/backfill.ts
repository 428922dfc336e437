import { generateHistory } from '../../firmware-sim/history.js';
import type { App } from '../app/create-app.js';
import type { Reading } from '../domain/reading.js';
import { parseNativeTelemetry } from '../ingest/parse-native.js';
import type { QuarantineEntry } from '../ingest/quarantine-repo.js';

export interface BackfillResult {
  stored: number;
  rejected: number;
}

const BATCH = 5_000;

/**
 * Writes simulated history straight into the store through the same parsing, analytics and
 * alert rules as live traffic (only the broker hop is skipped), so two weeks of a fleet load in
 * seconds and the trends, collections and alerts they imply are all there.
 */
export async function backfillHistory(
  app: App,
  options: { from: number; to: number; seed: number; onProgress?: (done: number) => void },
): Promise<BackfillResult> {
  const { registry, directory, store, analytics, alerts, quarantine } = app.context;
  const limits = app.config.ingest;
  let stored = 0;
  let rejected = 0;
  let batch: Reading[] = [];
  let refused: QuarantineEntry[] = [];
  const newest = new Map<string, Reading>();

  const flush = async () => {
    if (batch.length > 0) {
      await store.writeBatch(batch);
      const readings = batch;
      app.db.transaction(() => analytics.onReadings(readings))();
      stored += batch.length;
      batch = [];
    }
    if (refused.length > 0) {
      quarantine.addMany(refused);
      rejected += refused.length;
      refused = [];
    }
    options.onProgress?.(stored + rejected);
  };

  for (const h of generateHistory({
    bins: registry.bins(),
    devices: registry.devices(),
    from: options.from,
    to: options.to,
    seed: options.seed,
  })) {
    const entry = directory.get(h.deviceId);
    if (!entry?.bin) continue;

    const raw = Buffer.from(JSON.stringify(h.payload));
    const parsed = parseNativeTelemetry(raw, {
      device: entry.device,
      bin: entry.bin,
      now: h.ts,
      limits,
    });
    if (parsed.ok) {
      const reading = { ...parsed.reading, source: 'backfill' as const };
      batch.push(reading);
      newest.set(reading.binId, reading);
    } else {
      refused.push({
        receivedAt: h.ts,
        source: 'backfill',
        deviceId: h.deviceId,
        topic: 'backfill',
        code: parsed.code,
        reason: parsed.reason,
        raw,
      });
    }
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  // Alerts reflect where history ends, as if the server had watched it all.
  alerts.onReadings([...newest.values()]);

  return { stored, rejected };
}
