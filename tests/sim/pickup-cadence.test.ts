import { describe, expect, it } from 'vitest';
import {
  cadenceCollections,
  collectionsBetween,
  collectionTimeOnDay,
} from '../../firmware-sim/pickup-cadence.js';
import { DAY_MS, isoWeekdayOfDay, wibDayIndex, wibHourOfDay } from '../../firmware-sim/wib-time.js';
import { testBin, wibMidnight } from './helpers/bins.js';

const FROM = wibMidnight('2026-03-02');
const FOUR_WEEKS = FROM + 28 * DAY_MS;

const weekdays = (times: number[]) => times.map((ts) => isoWeekdayOfDay(wibDayIndex(ts)));
const gapsInDays = (times: number[]) =>
  times.slice(1).map((ts, i) => wibDayIndex(ts) - wibDayIndex(times[i]!));

describe('pick-up cadence (table 7.2)', () => {
  it('visits schools twice a week, Monday and Thursday', () => {
    const school = testBin('sd-1', { landUse: 'school', kind: 'wheelie-240' });
    const days = weekdays(collectionsBetween(school, FROM, FOUR_WEEKS, 1));

    expect(days.every((d) => d === 1 || d === 4)).toBe(true);
    // Four weeks x two visits, a few missed at most.
    expect(days.length).toBeGreaterThanOrEqual(6);
    expect(days.length).toBeLessThanOrEqual(8);
  });

  it('visits housing-estate bins every two days, never on Sunday', () => {
    for (let i = 0; i < 20; i++) {
      const bin = testBin(`perum-${i}`);
      const times = collectionsBetween(bin, FROM, FOUR_WEEKS, 2);

      expect(weekdays(times)).not.toContain(7);
      expect(times.length).toBeGreaterThanOrEqual(11);
      expect(times.length).toBeLessThanOrEqual(15);
      expect(Math.max(...gapsInDays(times))).toBeLessThanOrEqual(6);
    }
  });

  it('swaps arm-roll skips daily and misses masonry TPS often', () => {
    const skips = Array.from({ length: 10 }, (_, i) =>
      testBin(`skip-${i}`, { kind: 'armroll-skip-6m3' }),
    );
    const bakSampah = Array.from({ length: 10 }, (_, i) =>
      testBin(`bak-${i}`, { kind: 'masonry-tps' }),
    );
    const visits = (bins: typeof skips) => cadenceCollections(bins, FROM, FOUR_WEEKS, 3).length;

    expect(visits(skips)).toBeGreaterThan(0.9 * 280);
    expect(visits(bakSampah)).toBeGreaterThan(0.55 * 280);
    expect(visits(bakSampah)).toBeLessThan(0.85 * 280);
  });

  it('collects in the morning shift, in time order, the same for the same seed', () => {
    const bins = [testBin('a'), testBin('b', { landUse: 'market', kind: 'wheelie-660' })];
    const events = cadenceCollections(bins, FROM, FOUR_WEEKS, 4);

    for (const event of events) {
      expect(wibHourOfDay(event.ts)).toBeGreaterThanOrEqual(5.5);
      expect(wibHourOfDay(event.ts)).toBeLessThanOrEqual(11.5);
    }
    expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((x, y) => x - y));
    expect(cadenceCollections(bins, FROM, FOUR_WEEKS, 4)).toEqual(events);
    expect(collectionTimeOnDay(bins[1]!, wibDayIndex(FROM), 4)).toBe(
      events.find((e) => e.binId === 'b' && e.ts < FROM + DAY_MS)?.ts ?? null,
    );
  });
});
