import { describe, expect, it } from 'vitest';
import { fillFromDistance } from '../../src/ingest/fill-geometry.js';
import { parseNativeTelemetry } from '../../src/ingest/parse-native.js';
import { bin } from '../helpers/test-app.js';

const limits = { maxPayloadBytes: 1_024, futureToleranceS: 300, maxAgeDays: 30 };
const device = {
  id: 'dev-1',
  binId: 'b1',
  model: 'pesan-native',
  secretHash: '',
  enabled: true,
  devEui: null,
};
const now = Date.parse('2026-12-03T05:00:00+07:00');
const parse = (payload: unknown) =>
  parseNativeTelemetry(
    Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    {
      device,
      bin: bin('b1'),
      now,
      limits,
    },
  );

describe('fill geometry', () => {
  const b = bin('b1'); // mount 1300 mm, usable 1100 mm: full at 200 mm

  it('maps distance to fill linearly over the usable depth', () => {
    expect(fillFromDistance(1_300, b)).toEqual({ kind: 'ok', fillPct: 0 });
    expect(fillFromDistance(750, b)).toEqual({ kind: 'ok', fillPct: 50 });
    expect(fillFromDistance(200, b)).toEqual({ kind: 'ok', fillPct: 100 });
  });

  it('reports heaped waste above the rim as 100 %', () => {
    expect(fillFromDistance(120, b)).toEqual({ kind: 'ok', fillPct: 100 });
  });

  it('flags blind-zone and beyond-floor distances instead of trusting them', () => {
    expect(fillFromDistance(0, b).kind).toBe('out-of-range');
    expect(fillFromDistance(2_000, b).kind).toBe('out-of-range');
  });
});

describe('native payload parsing', () => {
  it('accepts a distance reading with a WIB timestamp', () => {
    const result = parse({
      ts: '2026-12-03T04:55:00+07:00',
      seq: 3,
      distance_mm: 750,
      battery_pct: 80,
      temperature_c: 31.5,
      tilt_deg: 2,
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reading.fillPct).toBe(50);
    expect(result.reading.ts).toBe(Date.parse('2026-12-03T04:55:00+07:00'));
    expect(result.reading.batteryPct).toBe(80);
    expect(result.reading.dedupeKey).toMatch(/^dev-1:3:/);
  });

  it('uses the receive time when the device sends none', () => {
    const result = parse({ fill_pct: 12 });
    expect(result.ok && result.reading.ts).toBe(now);
  });

  it.each([
    ['{"fill_pct": 10', 'not-json'],
    [{ fill_pct: '10' }, 'invalid-payload'],
    [{ fill_pct: 101 }, 'invalid-payload'],
    [{ distance_mm: -5 }, 'invalid-payload'],
    [{}, 'invalid-payload'],
    [{ fill_pct: 10, extra: 1 }, 'invalid-payload'],
    [{ fill_pct: 10, seq: 1.5 }, 'invalid-payload'],
    [{ fill_pct: 10, ts: 'yesterday' }, 'invalid-payload'],
    [{ fill_pct: 10, ts: now + 3_600_000 }, 'timestamp-future'],
    [{ fill_pct: 10, ts: now - 40 * 86_400_000 }, 'timestamp-too-old'],
    ['x'.repeat(2_000), 'payload-too-large'],
  ])('refuses %j as %s', (payload, code) => {
    const result = parse(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it('says which field broke which rule, and what was sent', () => {
    const result = parse({ fill_pct: 50, battery_pct: 140 });
    expect(result.ok === false && result.reason).toMatch(
      /: battery_pct: must be between 0 and 100 \(got 140\)$/,
    );
    const typed = parse({ fill_pct: '10' });
    expect(typed.ok === false && typed.reason).toContain('(got "10")');
  });

  it('keys identical bytes identically and a rebooted counter differently', () => {
    const a = parse({ seq: 1, fill_pct: 10 });
    const b = parse({ seq: 1, fill_pct: 10 });
    const c = parse({ seq: 1, fill_pct: 11 });
    expect(a.ok && b.ok && a.reading.dedupeKey === b.reading.dedupeKey).toBe(true);
    expect(a.ok && c.ok && a.reading.dedupeKey !== c.reading.dedupeKey).toBe(true);
  });
});
