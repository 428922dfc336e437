import type { Reading, ReadingQuality } from '../../../src/domain/reading.js';
import type { Bin, LandUse } from '../../../src/domain/registry.js';
import { seededRandom } from '../../../src/shared/random.js';

const HOUR_MS = 3_600_000;
const WIB_MS = 7 * HOUR_MS;

/** Mean fill rise per hour of waking time by land use (a test fixture, not the simulator). */
const RATE_PCT_PER_H: Record<LandUse, number> = {
  market: 3.2,
  residential: 1.1,
  school: 1.4,
  office: 0.9,
  shophouse: 1.8,
};

export interface HistoryOptions {
  now: number;
  days: number;
  stepMin: number;
  seed: number;
}

/** One stored reading of a bin's sensor, as the ingest pipeline would hand it over. */
export function fixtureReading(
  bin: Bin,
  ts: number,
  seq: number,
  fillPct: number,
  quality: ReadingQuality,
): Reading {
  const deviceId = `sensor-${bin.id}`;

  return {
    deviceId,
    binId: bin.id,
    areaId: bin.areaId,
    ts,
    receivedAt: ts,
    seq,
    distanceMm: null,
    fillPct: Math.round(fillPct * 10) / 10,
    // A slow sawtooth (a battery swap every 1000 readings) so any seq stays within 75..95 %:
    // tests ingest seq 10 000 and a battery outside 0..100 is something no sensor reports.
    batteryPct: 95 - (seq % 1_000) * 0.02,
    batteryV: null,
    temperatureC: 31,
    tiltDeg: 2,
    quality,
    qualityReason: quality === 'ok' ? null : 'web test fixture',
    rssi: null,
    snr: null,
    gateways: null,
    source: 'backfill',
    dedupeKey: `${deviceId}:${seq}`,
  };
}

/**
 * Days of readings per bin, oldest first: fills rise faster in WIB daytime, bins get emptied
 * once well filled, about one reading in 40 is a spike flagged as suspect, and every 25th bin
 * ends on a reading without echo (a quality problem the map marks).
 */
export function fillHistory(bins: Bin[], options: HistoryOptions): Reading[][] {
  const random = seededRandom(options.seed);
  const stepMs = options.stepMin * 60_000;
  const start = options.now - options.days * 86_400_000;

  return bins.map((bin, b) => {
    const rate = RATE_PCT_PER_H[bin.landUse] * (0.6 + random() * 0.8);
    let fill = random() * 70;
    const readings: Reading[] = [];
    let seq = 0;
    for (let ts = start; ts <= options.now; ts += stepMs) {
      const hourWib = new Date(ts + WIB_MS).getUTCHours();
      const daytime = hourWib >= 6 && hourWib < 21 ? 1.5 : 0.3;
      fill = Math.min(100, fill + rate * daytime * (options.stepMin / 60) * (0.7 + random() * 0.6));
      if (fill > 85 && random() < 0.3) fill = 2 + random() * 5;

      seq++;
      const last = ts + stepMs > options.now;
      if (last && b % 25 === 0) readings.push(fixtureReading(bin, ts, seq, fill, 'no-echo'));
      else if (!last && random() < 0.025) {
        readings.push(fixtureReading(bin, ts, seq, Math.min(100, fill + 35), 'spike'));
      } else readings.push(fixtureReading(bin, ts, seq, fill, 'ok'));
    }

    return readings;
  });
}
