import type { Reading } from '../../src/domain/reading.js';

/** 2026-12-03 00:00 WIB (= 2026-12-02 17:00 UTC): a local midnight the tests build around. */
export const WIB_MIDNIGHT_MS = Date.UTC(2026, 11, 2, 17, 0, 0);

export const MINUTE_MS = 60_000;

export const HOUR_MS = 3_600_000;

/** A valid reading; `overrides` pick the parts a test is about. */
export function makeReading(overrides: Partial<Reading> = {}): Reading {
  const base: Reading = {
    deviceId: 'dev-1',
    binId: 'bin-1',
    areaId: 'kec-kramatwatu',
    ts: WIB_MIDNIGHT_MS,
    receivedAt: WIB_MIDNIGHT_MS + 250,
    seq: 1,
    distanceMm: 400,
    fillPct: 50,
    batteryPct: 90,
    batteryV: 3.6,
    temperatureC: 31.5,
    tiltDeg: 2,
    quality: 'ok',
    qualityReason: null,
    rssi: -71,
    snr: 7.5,
    gateways: 1,
    source: 'mqtt',
    dedupeKey: '',
  };
  const reading = { ...base, ...overrides };
  if (!overrides.dedupeKey) reading.dedupeKey = `${reading.deviceId}:${reading.seq}:${reading.ts}`;

  return reading;
}

/** `count` readings of one bin, `stepMs` apart from `startMs`, with rising fill. */
export function readingRun(
  count: number,
  startMs: number,
  stepMs: number,
  overrides: Partial<Reading> = {},
): Reading[] {
  return Array.from({ length: count }, (_, i) =>
    makeReading({
      ...overrides,
      ts: startMs + i * stepMs,
      receivedAt: startMs + i * stepMs + 100,
      seq: i,
      fillPct: (i * 7) % 100,
    }),
  );
}
