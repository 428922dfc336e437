import { unitHash } from './random.js';
import type { AnomalyRates } from './sim-types.js';
import { DAY_MS, HOUR_MS, wibDayIndex, wibDayStartMs } from './wib-time.js';

export interface AnomalyState {
  /** Progress through a smouldering episode, 0..1, or null when there is none. */
  fireProgress: number | null;
  fallen: boolean;
}

const SALT_FIRE = 21;
const SALT_FIRE_START = 22;
const SALT_FALLEN = 23;
const SALT_FALLEN_START = 24;
const SALT_FALLEN_LENGTH = 25;

const FIRE_LENGTH_MS = 2 * HOUR_MS;
const QUIET: AnomalyState = { fireProgress: null, fallen: false };

/**
 * Which rare incidents affect a bin at an instant. Episodes are drawn per local day from a hash,
 * so any instant can be asked in any order; a fallen bin may stay down into the next day.
 */
export function anomalyAt(
  binHash: number,
  seed: number,
  ms: number,
  rates: AnomalyRates,
): AnomalyState {
  const fireRate = rates.firePerBinDay ?? 0;
  const fallenRate = rates.fallenPerBinDay ?? 0;
  if (fireRate <= 0 && fallenRate <= 0) return QUIET;

  const day = wibDayIndex(ms);
  let fireProgress: number | null = null;
  if (fireRate > 0 && unitHash(seed, binHash, SALT_FIRE, day) < fireRate) {
    // Fires start in the hot hours, when the sun heats the heap.
    const startMs =
      wibDayStartMs(day) + (10 + 6 * unitHash(seed, binHash, SALT_FIRE_START, day)) * HOUR_MS;
    if (ms >= startMs && ms < startMs + FIRE_LENGTH_MS) {
      fireProgress = (ms - startMs) / FIRE_LENGTH_MS;
    }
  }

  let fallen = false;
  for (const d of [day, day - 1]) {
    if (fallenRate <= 0 || unitHash(seed, binHash, SALT_FALLEN, d) >= fallenRate) continue;

    const startMs = wibDayStartMs(d) + unitHash(seed, binHash, SALT_FALLEN_START, d) * DAY_MS;
    const lengthMs = (6 + 18 * unitHash(seed, binHash, SALT_FALLEN_LENGTH, d)) * HOUR_MS;
    if (ms >= startMs && ms < startMs + lengthMs) fallen = true;
  }

  return { fireProgress, fallen };
}
