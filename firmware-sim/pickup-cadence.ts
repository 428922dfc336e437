import type { BinKind, LandUse } from '../src/domain/registry.js';
import { hashString, unitHash } from './random.js';
import type { SimBin } from './sim-types.js';
import { HOUR_MS, isoWeekdayOfDay, wibDayIndex, wibDayStartMs } from './wib-time.js';

/**
 * When crews empty a bin without being told by Pesan Ibu: the pick-up cadence of
 * demo-parameters.md table 7.2, during the morning shift (7.4, 05:00-12:00 WIB). The history
 * backfill uses it so analytics can find collections; the live fleet uses it when no planner
 * drives it. Every answer is a pure function of (seed, bin, day).
 */

export type PickupRule =
  /** Every `everyDays` days (fractions alternate, 2.5 = 2 or 3), from a per-bin phase. */
  | { everyDays: number; onSundays: boolean }
  /** Fixed ISO weekdays, 1 = Monday. */
  | { weekdays: readonly number[] };

export interface CollectionEvent {
  binId: string;
  ts: number;
}

/** Share of planned visits that do not happen (truck full, breakdown); masonry TPS often. */
const MISS_RATE_DEFAULT = 0.03;
const MISS_RATE_MASONRY = 0.3;

const SHIFT_START_H = 5.5;
const SHIFT_END_H = 11.5;

const SALT_PHASE = 11;
const SALT_MISS = 12;
const SALT_TIME = 13;

export function pickupRule(landUse: LandUse, kind: BinKind): PickupRule {
  if (kind === 'armroll-skip-6m3' || kind === 'masonry-tps') {
    return { everyDays: 1, onSundays: true };
  }

  switch (landUse) {
    case 'market':
      return { everyDays: 1, onSundays: true };
    case 'school':
      return { weekdays: [1, 4] };
    case 'office':
      return { weekdays: [1, 3, 5] };
    case 'shophouse':
      return { weekdays: [2, 5] };
    case 'residential':
      return { everyDays: kind === 'house-40' ? 2.5 : 2, onSundays: false };
  }
}

function missRate(kind: BinKind): number {
  return kind === 'masonry-tps' ? MISS_RATE_MASONRY : MISS_RATE_DEFAULT;
}

/** Whether the rule asks for a visit on the day, before misses. */
function scheduled(rule: PickupRule, day: number, phase: number): boolean {
  const weekday = isoWeekdayOfDay(day);
  if ('weekdays' in rule) return rule.weekdays.includes(weekday);

  const natural = (d: number) =>
    Math.floor((d + phase) / rule.everyDays) !== Math.floor((d - 1 + phase) / rule.everyDays);
  if (rule.onSundays) return natural(day);

  // No Sunday rounds to the disposal site: a Sunday visit moves to Monday.
  if (weekday === 7) return false;

  return natural(day) || (weekday === 1 && natural(day - 1));
}

/** Epoch ms of the crew's visit on a local day, or null when the bin is not emptied that day. */
export function collectionTimeOnDay(bin: SimBin, day: number, seed: number): number | null {
  const binHash = hashString(bin.id);
  const rule = pickupRule(bin.landUse, bin.kind);
  const phase = 'everyDays' in rule ? unitHash(seed, binHash, SALT_PHASE) * rule.everyDays : 0;
  if (!scheduled(rule, day, phase)) return null;
  if (unitHash(seed, binHash, SALT_MISS, day) < missRate(bin.kind)) return null;

  const hour =
    SHIFT_START_H + (SHIFT_END_H - SHIFT_START_H) * unitHash(seed, binHash, SALT_TIME, day);

  return wibDayStartMs(day) + Math.round(hour * HOUR_MS);
}

/** The bin's cadence collections in [fromMs, toMs), oldest first. */
export function collectionsBetween(
  bin: SimBin,
  fromMs: number,
  toMs: number,
  seed: number,
): number[] {
  const times: number[] = [];
  for (let day = wibDayIndex(fromMs); day <= wibDayIndex(toMs); day++) {
    const ts = collectionTimeOnDay(bin, day, seed);
    if (ts !== null && ts >= fromMs && ts < toMs) times.push(ts);
  }

  return times;
}

/** Every bin's cadence collections in [fromMs, toMs), ordered by time. */
export function cadenceCollections(
  bins: readonly SimBin[],
  fromMs: number,
  toMs: number,
  seed: number,
): CollectionEvent[] {
  const events = bins.flatMap((bin) =>
    collectionsBetween(bin, fromMs, toMs, seed).map((ts) => ({ binId: bin.id, ts })),
  );

  return events.sort((a, b) => a.ts - b.ts);
}
