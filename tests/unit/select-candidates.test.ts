import { describe, expect, it } from 'vitest';
import type { TrendState } from '../../src/analytics/fill-trend.js';
import { selectCandidates } from '../../src/routing/select-candidates.js';
import { bin } from '../helpers/test-app.js';

const now = Date.parse('2026-12-03T05:00:00+07:00');
const H = 3_600_000;
const latest = (binId: string, fillPct: number, quality: 'ok' | 'spike' = 'ok') => ({
  binId,
  deviceId: `d-${binId}`,
  ts: now,
  fillPct,
  quality,
  batteryPct: 90,
  batteryV: null,
  temperatureC: 30,
  tiltDeg: 1,
});
const trend = (binId: string, fillPct: number, rate: number): TrendState => ({
  binId,
  fillPct,
  ts: now,
  ratePctPerHour: rate,
  segmentStart: now - 24 * H,
  lastEmptiedAt: null,
});

describe('bin selection for the day', () => {
  const bins = ['full', 'soon', 'later', 'suspect', 'silent'].map((id) => bin(id));
  const trends: Record<string, TrendState> = {
    soon: trend('soon', 60, 2),
    later: trend('later', 20, 0.5),
  };
  const result = selectCandidates({
    bins,
    areas: [{ id: 'ciruas', name: 'Ciruas', code: '', lat: 0, lon: 0, population: null }],
    latest: [
      latest('full', 92),
      latest('soon', 60),
      latest('later', 20),
      latest('suspect', 100, 'spike'),
    ],
    trend: (id) => trends[id] ?? null,
    serviceAt: now,
    nextChanceAt: now + 24 * H,
  });

  it('takes full bins and bins predicted to pass the threshold before the next chance', () => {
    expect(result.candidates.map((c) => [c.binId, c.priority])).toEqual([
      ['full', 'overflowing'],
      ['soon', 'predicted'],
    ]);
  });

  it('says why the others are not on the plan', () => {
    expect(result.skipped).toEqual([
      { binId: 'suspect', reason: 'latest reading is suspect (spike)' },
      { binId: 'silent', reason: 'no reading yet' },
    ]);
  });

  it('judges a bin whose latest reading is suspect by its last trusted level', () => {
    const selection = selectCandidates({
      bins: [bin('was-full'), bin('spiked')],
      areas: [],
      latest: [latest('was-full', 0, 'spike'), latest('spiked', 100, 'spike')],
      trend: (id) => (id === 'was-full' ? trend(id, 90, 0) : trend(id, 30, 0)),
      serviceAt: now,
      nextChanceAt: now + 24 * H,
    });

    expect(selection.candidates.map((c) => c.binId)).toEqual(['was-full']);
    expect(selection.candidates[0]!.reason).toBe(
      'fill 90 % >= 80 % (last trusted level: the latest reading is suspect, spike)',
    );
    expect(selection.candidates[0]!.expectedFillPct).toBe(90);
  });

  it('estimates volume and weight from fill, size and land use', () => {
    const full = result.candidates[0]!;
    expect(full.expectedVolumeM3).toBeCloseTo(0.66 * 0.92, 3);
    expect(full.expectedWeightKg).toBe(Math.round(0.66 * 0.92 * 250));
    expect(full.areaName).toBe('Ciruas');
  });
});

describe('bin selection after crews confirmed pickups', () => {
  const areas = [{ id: 'ciruas', name: 'Ciruas', code: '', lat: 0, lon: 0, population: null }];
  const pick = (collectedAt: Map<string, number>) =>
    selectCandidates({
      bins: [bin('emptied'), bin('stale-confirmation')],
      areas,
      latest: [latest('emptied', 95), latest('stale-confirmation', 95)],
      trend: () => null,
      serviceAt: now,
      nextChanceAt: now + 24 * H,
      collectedAt,
    });

  it('skips a bin a crew emptied after its latest reading, and says why', () => {
    const result = pick(
      new Map([
        ['emptied', now + 60_000],
        // Confirmed before the full reading: the bin filled again since.
        ['stale-confirmation', now - 6 * H],
      ]),
    );

    expect(result.candidates.map((c) => c.binId)).toEqual(['stale-confirmation']);
    expect(result.skipped).toEqual([
      { binId: 'emptied', reason: expect.stringMatching(/^collected at .*after its latest/) },
    ]);
  });
});
