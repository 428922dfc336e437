import { describe, expect, it } from 'vitest';
import { BinFillModel } from '../../firmware-sim/fill-model.js';
import { DAY_MS, HOUR_MS, isoWeekdayOfDay, wibDayIndex } from '../../firmware-sim/wib-time.js';
import { testBin, wibMidnight } from './helpers/bins.js';

// 2026-03-02 is a Monday.
const MONDAY = wibMidnight('2026-03-02');

/** Intake of a model over [from, to) as a fraction of the container, starting empty. */
function intake(model: BinFillModel, from: number, to: number): number {
  model.advanceTo(from);
  model.empty(from);
  const before = model.fillFraction;
  model.advanceTo(to);

  return model.fillFraction - before;
}

function freshModel(id: string, overrides: Parameters<typeof testBin>[1] = {}, seed = 1) {
  return new BinFillModel(testBin(id, overrides), MONDAY - DAY_MS, {
    seed,
    initialFillFraction: 0,
  });
}

describe('fill model', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => {
      const model = new BinFillModel(testBin('b1'), MONDAY, { seed });
      const values: number[] = [];
      for (let t = MONDAY; t < MONDAY + 3 * DAY_MS; t += 900_000) {
        model.advanceTo(t);
        values.push(model.fillFraction);
      }

      return values;
    };

    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('never loses waste between emptyings, and never exceeds the container', () => {
    const model = new BinFillModel(testBin('b2', { kind: 'masonry-tps' }), MONDAY, { seed: 3 });
    let previous = model.fillFraction;
    for (let t = MONDAY; t < MONDAY + 4 * DAY_MS; t += 600_000) {
      model.advanceTo(t);
      expect(model.fillFraction).toBeGreaterThanOrEqual(previous);
      expect(model.fillFraction).toBeLessThanOrEqual(1);
      previous = model.fillFraction;
    }
  });

  it('gives the same state however often it is sampled', () => {
    const coarse = new BinFillModel(testBin('b3'), MONDAY, { seed: 5 });
    const fine = new BinFillModel(testBin('b3'), MONDAY, { seed: 5 });
    const end = MONDAY + 5 * DAY_MS + 1234;
    const emptiedAt = MONDAY + 2 * DAY_MS + 8 * HOUR_MS;

    coarse.empty(emptiedAt);
    coarse.advanceTo(end);
    for (let t = MONDAY; t < end; t += 7 * 60_000) {
      if (t > emptiedAt && t - 7 * 60_000 <= emptiedAt) fine.empty(emptiedAt);
      fine.advanceTo(t);
    }
    fine.advanceTo(end);

    expect(fine.fillFraction).toBeCloseTo(coarse.fillFraction, 9);
    expect(fine.snapshot().overflowL).toBeCloseTo(coarse.snapshot().overflowL, 6);
  });

  it('fills at the land-use rate of table 7.2 on average, within the day-to-day noise', () => {
    const dailyFractions: number[] = [];
    for (let i = 0; i < 60; i++) {
      const model = freshModel(`r${i}`);
      // Tuesday to Friday: no weekend effect.
      for (let day = 1; day < 5; day++) {
        const from = MONDAY + day * DAY_MS;
        dailyFractions.push(intake(model, from, from + DAY_MS));
      }
    }
    const mean = dailyFractions.reduce((a, b) => a + b, 0) / dailyFractions.length;

    // Residential 660 L communal bin: ~41 %/day, each day within +-15 %.
    expect(mean).toBeGreaterThan(0.39);
    expect(mean).toBeLessThan(0.43);
    expect(Math.min(...dailyFractions)).toBeGreaterThanOrEqual(0.41 * 0.85 - 1e-9);
    expect(Math.max(...dailyFractions)).toBeLessThanOrEqual(0.41 * 1.15 + 1e-9);
    expect(Math.max(...dailyFractions) - Math.min(...dailyFractions)).toBeGreaterThan(0.05);
  });

  it('applies the weekend: +10 % at homes, -60 % at schools and offices', () => {
    const weekendRatio = (landUse: 'residential' | 'school' | 'office') => {
      let weekday = 0;
      let weekend = 0;
      for (let i = 0; i < 80; i++) {
        const model = freshModel(`${landUse}-${i}`, { landUse, kind: 'wheelie-240' });
        for (let day = 0; day < 7; day++) {
          const from = MONDAY + day * DAY_MS;
          const amount = intake(model, from, from + DAY_MS);
          if (isoWeekdayOfDay(wibDayIndex(from)) >= 6) weekend += amount / 2;
          else weekday += amount / 5;
        }
      }

      return weekend / weekday;
    };

    expect(weekendRatio('residential')).toBeGreaterThan(1.05);
    expect(weekendRatio('residential')).toBeLessThan(1.15);
    expect(weekendRatio('school')).toBeGreaterThan(0.35);
    expect(weekendRatio('school')).toBeLessThan(0.45);
    expect(weekendRatio('office')).toBeLessThan(0.45);
  });

  it('brings waste in daytime, and to markets before mid-morning', () => {
    const share = (landUse: 'residential' | 'market', fromH: number, toH: number) => {
      // Two models of the same bin: the model never runs backwards.
      const model = () => freshModel(`rhythm-${landUse}`, { landUse });
      const day = intake(model(), MONDAY + DAY_MS, MONDAY + 2 * DAY_MS);
      const part = intake(
        model(),
        MONDAY + DAY_MS + fromH * HOUR_MS,
        MONDAY + DAY_MS + toH * HOUR_MS,
      );

      return part / day;
    };

    expect(share('residential', 0, 5)).toBeLessThan(0.06);
    expect(share('residential', 6, 20)).toBeGreaterThan(0.75);
    expect(share('market', 3, 10)).toBeGreaterThan(0.7);
  });

  it('caps at 100 % and records the overflow until the bin is emptied', () => {
    const model = freshModel('overflow', { kind: 'masonry-tps' });
    model.advanceTo(MONDAY + 3 * DAY_MS);

    expect(model.fillFraction).toBe(1);
    expect(model.overflowing).toBe(true);
    // Three days at ~90 %/day into a 2 m3 TPS: well over a container's worth lies around it.
    expect(model.snapshot().overflowL).toBeGreaterThan(500);

    model.empty(MONDAY + 3 * DAY_MS + HOUR_MS);
    expect(model.overflowing).toBe(false);
    expect(model.fillFraction).toBeLessThan(0.03);
    expect(model.snapshot().lastEmptiedMs).toBe(MONDAY + 3 * DAY_MS + HOUR_MS);
  });

  it('multiplies intake during an event in the affected kecamatan only', () => {
    const flood = {
      fromMs: MONDAY + DAY_MS,
      toMs: MONDAY + 2 * DAY_MS,
      factor: 2,
      areaIds: ['cikande'],
    };
    const options = { seed: 9, initialFillFraction: 0, events: [flood] };
    const flooded = new BinFillModel(testBin('f', { areaId: 'cikande' }), MONDAY, options);
    const dry = new BinFillModel(testBin('f', { areaId: 'kibin' }), MONDAY, options);

    const during = (model: BinFillModel) => intake(model, MONDAY + DAY_MS, MONDAY + 2 * DAY_MS);

    expect(during(flooded) / during(dry)).toBeCloseTo(2, 6);
  });
});
