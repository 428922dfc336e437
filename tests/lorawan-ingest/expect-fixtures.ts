import { expect } from 'vitest';
import type { TelemetryStore } from '../../src/storage/telemetry-store.js';
import { loadEnvelopeFixtures } from '../lorawan/vector-files.js';
import { binOf, expectedFill, FIXTURE_CASES } from './lora-fleet.js';

/**
 * FIXTURE_CASES is written by hand; a new envelope file without a case would go untested end
 * to end, so both connection paths check it names each file in the directory exactly once.
 */
export function expectEveryEnvelopeCovered(): void {
  const files = loadEnvelopeFixtures().map((f) => f.file);
  const covered = FIXTURE_CASES.map((c) => c.file).sort();

  expect(files.length).toBeGreaterThan(0);
  expect(covered, 'FIXTURE_CASES vs tests/fixtures/network-servers/').toEqual(files);
}

/** Every fixture stored exactly once, with the values its vendor decoder gives. */
export async function expectFixturesStored(store: TelemetryStore, toMs: number): Promise<void> {
  expectEveryEnvelopeCovered();
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
      batteryV: c.batteryV,
      temperatureC: c.temperatureC,
      rssi: c.rssi,
      snr: c.snr,
      gateways: c.gateways,
      quality: c.quality,
    });
  }
}
