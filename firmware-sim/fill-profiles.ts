import type { BinKind, LandUse } from '../src/domain/registry.js';

/**
 * How fast bins fill, from demo-parameters.md section 7.2 (daily fill = users x litres per user
 * per day / container litres). Figures marked ASSUMPTION there are defaults, not facts.
 */

/** Day-to-day variation of a bin's intake: uniform within +-15 % (section 7.2). */
export const DAY_TO_DAY_NOISE = 0.15;

/** Share of a day's volume arriving per day, in percent of the container, per land use and kind. */
const DAILY_FILL_PCT: Record<LandUse, Partial<Record<BinKind, number>>> = {
  residential: {
    'house-40': 23,
    'wheelie-120': 38,
    // ASSUMPTION: a 240 L bin shared by ~10 houses (40 people x 2.25 L).
    'wheelie-240': 38,
    'wheelie-660': 41,
    'masonry-tps': 90,
    'armroll-skip-6m3': 86,
  },
  market: {
    'armroll-skip-6m3': 33,
    // ASSUMPTION: stall-row bins next to the skip fill faster than the skip itself.
    'wheelie-660': 55,
    'wheelie-240': 50,
  },
  school: { 'wheelie-240': 31 },
  office: { 'wheelie-240': 39 },
  shophouse: { 'wheelie-240': 23 },
};

/** Litres per day reaching one container of a kind the table above does not list. */
const FALLBACK_LITRES_PER_DAY: Record<LandUse, number> = {
  residential: 45,
  market: 300,
  school: 75,
  office: 94,
  shophouse: 55,
};

/**
 * Saturday/Sunday multiplier (section 7.2): households produce more at the weekend, schools and
 * offices are closed.
 */
const WEEKEND_FACTOR: Record<LandUse, number> = {
  residential: 1.1,
  market: 1,
  school: 0.4,
  office: 0.4,
  shophouse: 1,
};

/**
 * Relative intake per local hour 0..23 (ASSUMPTION): households around meals, the pasar pagi
 * from before dawn, schools and offices in working hours, ruko rows from opening to night.
 */
const HOUR_WEIGHTS: Record<LandUse, readonly number[]> = {
  residential: [
    0.2, 0.1, 0.1, 0.1, 0.3, 1.0, 2.0, 2.2, 1.8, 1.2, 1.0, 1.0, 1.1, 1.0, 0.8, 0.8, 1.0, 1.4, 1.6,
    1.4, 1.0, 0.6, 0.4, 0.3,
  ],
  market: [
    0.1, 0.1, 0.3, 1.2, 2.5, 3.0, 3.0, 2.6, 2.0, 1.5, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.2,
    0.1, 0.1, 0.1, 0.1, 0.1,
  ],
  school: [
    0, 0, 0, 0, 0, 0, 0.3, 1.5, 2.0, 2.2, 2.5, 2.0, 1.5, 0.8, 0.3, 0.1, 0.05, 0, 0, 0, 0, 0, 0, 0,
  ],
  office: [
    0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 1.5, 1.5, 1.5, 2.0, 1.5, 1.2, 1.0, 0.4, 0.1, 0, 0, 0, 0, 0, 0,
  ],
  shophouse: [
    0.05, 0, 0, 0, 0, 0, 0.1, 0.3, 0.6, 1.0, 1.1, 1.2, 1.4, 1.2, 1.0, 1.0, 1.1, 1.2, 1.4, 1.4, 1.2,
    0.8, 0.3, 0.1,
  ],
};

function normalise(weights: readonly number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);

  return Float64Array.from(weights, (w) => w / total);
}

const HOUR_SHARES = Object.fromEntries(
  Object.entries(HOUR_WEIGHTS).map(([landUse, weights]) => [landUse, normalise(weights)]),
) as Record<LandUse, Float64Array>;

/** Mean daily intake as a fraction of the container (1 = one full container per day). */
export function dailyFillFraction(landUse: LandUse, kind: BinKind, volumeL: number): number {
  const pct = DAILY_FILL_PCT[landUse][kind];
  if (pct !== undefined) return pct / 100;

  return FALLBACK_LITRES_PER_DAY[landUse] / volumeL;
}

/** Share of the day's intake arriving in each local hour; the 24 values sum to 1. */
export function hourShares(landUse: LandUse): Float64Array {
  return HOUR_SHARES[landUse];
}

export function weekendFactor(landUse: LandUse): number {
  return WEEKEND_FACTOR[landUse];
}
