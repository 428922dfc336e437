import type { IdenticalRun } from './gate-state.js';
import type { QualityTuning } from './quality-tuning.js';
import type { BinQualityProfile } from './quality-types.js';

const HOUR_MS = 3_600_000;

/** Extends the run of identical values, or starts a new one when the value moved. */
export function advanceRun(
  run: IdenticalRun | null,
  value: number,
  ts: number,
  toleranceMm: number,
): IdenticalRun {
  if (run !== null && Math.abs(value - run.value) <= toleranceMm) {
    return { value: run.value, firstTs: run.firstTs, count: run.count + 1, flagged: run.flagged };
  }

  return { value, firstTs: ts, count: 1, flagged: false };
}

/**
 * A real bin in use changes; a transducer that froze, or a sensor that lost its echo and repeats
 * its last value, does not. Identical values are stuck once the bin would normally have changed
 * by `stuckChangePct` over the run.
 */
export function stuckReason(
  run: IdenticalRun,
  lastTs: number,
  profile: BinQualityProfile,
  tuning: QualityTuning,
): string | null {
  const hours = (lastTs - run.firstTs) / HOUR_MS;
  const expectedChangePct = profile.typicalRisePctPerH * hours;
  if (run.count < tuning.stuckMinReadings || expectedChangePct < tuning.stuckChangePct) return null;

  return (
    `value ${run.value} unchanged for ${run.count} readings over ${hours.toFixed(1)} h, while ` +
    `this bin usually changes about ${Math.round(expectedChangePct)}% in that time: sensor stuck?`
  );
}
