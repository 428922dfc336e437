import { describe, expect, it } from 'vitest';
import { BAD_FRAME_KINDS, badFrame, encodeFrame } from '../../firmware-sim/bad-frames.js';
import { SeededRandom } from '../../firmware-sim/random.js';
import { SensorReadout } from '../../firmware-sim/sensor-readout.js';
import { DAY_MS, HOUR_MS } from '../../firmware-sim/wib-time.js';
import { nativePayloadSchema } from '../../src/ingest/native-payload.js';
import { testBin, wibMidnight } from './helpers/bins.js';

const DAY = wibMidnight('2026-03-03');

describe('sensor readout', () => {
  const bin = testBin('geo', { kind: 'wheelie-660' });

  it('reports distance = mount height - fill x usable depth, within a few mm of noise', () => {
    const readout = new SensorReadout(bin, 'dev-geo', { seed: 1, originMs: DAY });
    const rng = new SeededRandom(1);
    for (const fill of [0, 0.25, 0.5, 0.8, 1]) {
      const expected = bin.mountHeightMm - fill * bin.usableDepthMm;
      for (let i = 0; i < 50; i++) {
        const payload = readout.payload(DAY + i * HOUR_MS, fill, i, rng, 'none');
        expect(Math.abs(payload.distance_mm! - expected)).toBeLessThanOrEqual(15);
      }
    }
    expect(readout.distanceForFill(0)).toBe(1300);
    expect(readout.distanceForFill(1)).toBe(200);
  });

  it('writes payloads the native schema accepts, in each timestamp format', () => {
    const readout = new SensorReadout(bin, 'dev-geo', { seed: 2, originMs: DAY });
    const rng = new SeededRandom(2);
    const ms = DAY + 5 * HOUR_MS;

    const iso = readout.payload(ms, 0.5, 7, rng, 'iso');
    expect(iso.ts).toBe('2026-03-03T05:00:00.000+07:00');
    expect(Date.parse(iso.ts as string)).toBe(ms);
    expect(readout.payload(ms, 0.5, 8, rng, 'epoch-ms').ts).toBe(ms);
    expect('ts' in readout.payload(ms, 0.5, 9, rng, 'none')).toBe(false);
    for (const payload of [iso, readout.payload(ms, 1, 10, rng, 'epoch-ms')]) {
      expect(nativePayloadSchema.safeParse(payload).success).toBe(true);
    }
  });

  it('drains the battery slowly and cycles the temperature over the day', () => {
    const readout = new SensorReadout(bin, 'dev-geo', { seed: 3, originMs: DAY });
    const rng = new SeededRandom(3);
    const start = readout.batteryPctAt(DAY);
    const month = readout.batteryPctAt(DAY + 30 * DAY_MS);

    expect(start - month).toBeGreaterThan(1);
    expect(start - month).toBeLessThan(5);

    const tempAt = (hour: number) =>
      readout.payload(DAY + hour * HOUR_MS, 0.3, 0, rng, 'none').temperature_c!;
    expect(tempAt(14)).toBeGreaterThan(tempAt(3) + 5);
    expect(tempAt(14)).toBeLessThan(40);
  });

  it('shows fire-risk temperatures and a fallen bin only when those options are on', () => {
    const rng = new SeededRandom(4);
    const quiet = new SensorReadout(bin, 'dev-geo', { seed: 4, originMs: DAY });
    const eventful = new SensorReadout(bin, 'dev-geo', {
      seed: 4,
      originMs: DAY,
      anomalies: { firePerBinDay: 1, fallenPerBinDay: 1 },
    });
    const day = (readout: SensorReadout) =>
      Array.from({ length: 96 }, (_, i) => readout.payload(DAY + i * 900_000, 0.4, i, rng, 'none'));

    const calm = day(quiet);
    expect(Math.max(...calm.map((p) => p.temperature_c!))).toBeLessThan(45);
    expect(Math.max(...calm.map((p) => p.tilt_deg!))).toBeLessThan(10);

    const wild = day(eventful);
    expect(wild.some((p) => p.temperature_c! >= 60)).toBe(true);
    expect(wild.some((p) => p.tilt_deg! >= 70)).toBe(true);
  });
});

describe('bad frames', () => {
  const good = { ts: 1_772_000_000_000, seq: 3, distance_mm: 640, battery_pct: 90, tilt_deg: 2 };

  it.each(BAD_FRAME_KINDS)('a %s frame is refused by the native payload rules', (kind) => {
    const body = badFrame(kind, good);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      expect(kind).toBe('not-json');
      return;
    }

    const tooBig = body.length > 1024;
    expect(tooBig || !nativePayloadSchema.safeParse(parsed).success).toBe(true);
  });

  it('sends broken frames at the configured rate and good ones otherwise', () => {
    const rng = new SeededRandom(5);
    const frames = Array.from({ length: 4000 }, () => encodeFrame(good, rng, 0.05));
    const bad = frames.filter((f) => f.badKind !== null);

    expect(bad.length).toBeGreaterThan(140);
    expect(bad.length).toBeLessThan(260);
    expect(new Set(bad.map((f) => f.badKind)).size).toBe(BAD_FRAME_KINDS.length);
    const goodFrame = frames.find((f) => f.badKind === null)!;
    expect(JSON.parse(goodFrame.body.toString('utf8'))).toEqual(good);
    expect(encodeFrame(good, rng, 0).badKind).toBeNull();
  });
});
