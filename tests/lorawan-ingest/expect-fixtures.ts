import { expect } from 'vitest';
import type { TelemetryStore } from '../../src/storage/telemetry-store.js';
import { binOf, expectedFill, FIXTURE_CASES } from './lora-fleet.js';

/** Every fixture stored exactly once, with the values its vendor decoder gives. */
export async function expectFixturesStored(store: TelemetryStore, toMs: number): Promise<void> {
  for (const c of FIXTURE_CASES) {
    const readings = await store.readings(binOf(c), 0, toMs);
    expect(readings, c.file).toHaveLength(1);
    expect(readings[0], c.file).toMatchObject({
      deviceId: c.deviceId,
      source: c.server,
      ts: Date.parse(c.ts),
      seq: c.seq,
      distanceMm: c.distanceMm,
      fillPct: expectedFill(c.distanceMm),
      batteryPct: c.batteryPct,
      temperatureC: c.temperatureC,
      rssi: c.rssi,
      snr: c.snr,
      gateways: c.gateways,
      quality: c.quality,
    });
  }
}
