import { describe, expect, it } from 'vitest';
import { BinSimulation } from '../../firmware-sim/bin-simulation.js';
import { generateHistory, type HistoryReading } from '../../firmware-sim/history.js';
import { cadenceCollections } from '../../firmware-sim/pickup-cadence.js';
import { DAY_MS, HOUR_MS } from '../../firmware-sim/wib-time.js';
import { nativePayloadSchema } from '../../src/ingest/native-payload.js';
import { testBin, wibMidnight } from './helpers/bins.js';

const FROM = wibMidnight('2026-03-02');
const TO = FROM + 14 * DAY_MS;

const bins = [
  testBin('perum-1'),
  testBin('perum-2', { kind: 'wheelie-120', reportIntervalS: 1800 }),
  testBin('pasar-skip', { landUse: 'market', kind: 'armroll-skip-6m3' }),
  testBin('sd-1', { landUse: 'school', kind: 'wheelie-240', reportIntervalS: 3600 }),
  testBin('ruko-1', { landUse: 'shophouse', kind: 'wheelie-240' }),
  testBin('no-device', { landUse: 'office', kind: 'wheelie-240' }),
];
const devices = [
  ...bins.slice(0, 5).map((bin) => ({ id: `dev-${bin.id}`, binId: bin.id, enabled: true })),
  { id: 'dev-retired', binId: 'perum-1', enabled: false },
];

function byDevice(readings: HistoryReading[]): Map<string, HistoryReading[]> {
  const groups = new Map<string, HistoryReading[]>();
  for (const reading of readings) {
    groups.set(reading.deviceId, [...(groups.get(reading.deviceId) ?? []), reading]);
  }

  return groups;
}

/** Fill % from a reading, by the bin's mounting geometry. */
function fillPct(reading: HistoryReading): number {
  const bin = bins.find((b) => b.id === reading.binId)!;

  return ((bin.mountHeightMm - reading.payload.distance_mm!) / bin.usableDepthMm) * 100;
}

describe('history generator', () => {
  const readings = [...generateHistory({ bins, devices, from: FROM, to: TO, seed: 11 })];
  const groups = byDevice(readings);

  it('reports every enabled device at its bin interval, in time order', () => {
    expect([...groups.keys()].sort()).toEqual([
      'dev-pasar-skip',
      'dev-perum-1',
      'dev-perum-2',
      'dev-ruko-1',
      'dev-sd-1',
    ]);
    expect(groups.get('dev-perum-1')).toHaveLength(14 * 96);
    expect(groups.get('dev-perum-2')).toHaveLength(14 * 48);
    expect(groups.get('dev-sd-1')).toHaveLength(14 * 24);

    for (const [deviceId, series] of groups) {
      const intervalMs = bins.find((b) => b.id === series[0]!.binId)!.reportIntervalS * 1000;
      series.forEach((reading, i) => {
        expect(reading.payload.seq).toBe(i);
        if (i > 0) expect(reading.ts - series[i - 1]!.ts, deviceId).toBe(intervalMs);
      });
      expect(series[0]!.ts).toBeGreaterThanOrEqual(FROM);
      expect(series.at(-1)!.ts).toBeLessThan(TO);
    }
    const times = readings.map((r) => r.ts);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('writes valid native payloads stamped with the reading time', () => {
    for (const reading of readings.filter((_, i) => i % 17 === 0)) {
      expect(nativePayloadSchema.safeParse(reading.payload).success).toBe(true);
      expect(reading.payload.ts).toBe(reading.ts);
    }
  });

  it('shows a sharp drop at each cadence collection and nowhere else', () => {
    const collections = cadenceCollections(bins, FROM, TO, 11);

    for (const [, series] of groups) {
      const binId = series[0]!.binId;
      const expected = collections.filter((c) => c.binId === binId);
      const drops = series
        .slice(1)
        .map((reading, i) => ({ ts: reading.ts, delta: fillPct(reading) - fillPct(series[i]!) }))
        .filter((step) => step.delta < -15);

      // One drop per collection, at the first reading after it.
      expect(expected.length, binId).toBeGreaterThan(2);
      expect(drops, binId).toHaveLength(expected.length);
      for (const drop of drops) {
        const collection = expected.find((c) => c.ts <= drop.ts && drop.ts - c.ts < HOUR_MS);
        expect(collection, `${binId} drop at ${new Date(drop.ts).toISOString()}`).toBeDefined();
      }
    }
  });

  it('is deterministic for a seed', () => {
    const again = [...generateHistory({ bins, devices, from: FROM, to: TO, seed: 11 })];
    const other = [...generateHistory({ bins, devices, from: FROM, to: TO, seed: 12 })];

    expect(again).toEqual(readings);
    expect(other.map((r) => r.payload.distance_mm)).not.toEqual(
      readings.map((r) => r.payload.distance_mm),
    );
  });

  it('lets the caller choose the collections, or none', () => {
    const skip = [bins[2]!];
    const skipDevice = [devices[2]!];
    const at = FROM + 3 * DAY_MS + 8 * HOUR_MS;
    const run = (collections: 'none' | { binId: string; ts: number }[]) => [
      ...generateHistory({
        bins: skip,
        devices: skipDevice,
        from: FROM,
        to: TO,
        seed: 1,
        collections,
      }),
    ];

    const never = run('none');
    const fills = never.map(fillPct);
    expect(fills.at(-1)!).toBeGreaterThan(95);
    expect(fills.every((fill, i) => i === 0 || fill > fills[i - 1]! - 2)).toBe(true);

    const once = run([{ binId: 'pasar-skip', ts: at }]);
    const before = once.filter((r) => r.ts <= at).at(-1)!;
    const after = once.find((r) => r.ts > at)!;
    expect(fillPct(before) - fillPct(after)).toBeGreaterThan(50);
    expect(fillPct(after)).toBeLessThan(3);
  });
});

describe('live fleet resuming a backfill', () => {
  it('continues each curve where the history stopped', () => {
    const from = FROM;
    const to = FROM + 9 * DAY_MS + 3 * HOUR_MS;
    for (const bin of bins.slice(0, 5)) {
      const deviceId = `dev-${bin.id}`;
      const history = [
        ...generateHistory({
          bins: [bin],
          devices: [{ id: deviceId, binId: bin.id, enabled: true }],
          from,
          to,
          seed: 21,
        }),
      ];
      const last = history.at(-1)!;

      // What startFleet({ resumeFrom: from, seed: 21 }) builds for this device at `last.ts`.
      const resumed = new BinSimulation(bin, deviceId, { seed: 21, originMs: from });
      resumed.fastForwardWithCadence(last.ts);
      const live = resumed.reading(last.ts, 0, 'none');

      expect(Math.abs(live.distance_mm! - last.payload.distance_mm!), bin.id).toBeLessThan(20);
      expect(live.battery_pct).toBe(last.payload.battery_pct);
    }
  });
});
