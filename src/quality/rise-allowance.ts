import type { LevelEntry } from './gate-state.js';
import type { QualityTuning } from './quality-tuning.js';
import type { BinQualityProfile } from './quality-types.js';

const HOUR_MS = 3_600_000;
const MIN_LEARNING_SPAN_MS = 30 * 60_000;

/**
 * How fast the bin has been rising lately (%/h), from its latest rising run of trusted readings
 * in the recent window. A market filling fast all morning teaches the gate that fast is normal
 * today; one lone jump teaches it nothing.
 */
export function recentRisePctPerH(
  trusted: readonly LevelEntry[],
  nowTs: number,
  tuning: QualityTuning,
): number {
  const last = trusted.at(-1);
  if (last === undefined) return 0;

  let start = trusted.length - 1;
  while (start > 0) {
    const earlier = trusted[start - 1]!;
    const rising = earlier.fillPct <= trusted[start]!.fillPct + tuning.holdTolerancePct;
    if (!rising || earlier.ts < nowTs - tuning.recentRiseWindowMs) break;
    start -= 1;
  }
  const first = trusted[start]!;
  const spanMs = last.ts - first.ts;
  if (spanMs < MIN_LEARNING_SPAN_MS) return 0;

  return Math.max(0, ((last.fillPct - first.fillPct) / spanMs) * HOUR_MS);
}

/** The largest rise (in fill %) that is plausible between two times for this bin. */
export function plausibleRisePct(
  fromTs: number,
  toTs: number,
  trusted: readonly LevelEntry[],
  profile: BinQualityProfile,
  tuning: QualityTuning,
): number {
  const hours = Math.max(0, toTs - fromTs) / HOUR_MS;
  const rate = Math.max(profile.maxRisePctPerH, 2 * recentRisePctPerH(trusted, toTs, tuning));

  return tuning.noiseAllowancePct + rate * hours;
}
