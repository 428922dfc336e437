import { fillPctFromDistance } from './bin-profile.js';
import type { GateState, LevelEntry } from './gate-state.js';
import { advanceRun, stuckReason } from './identical-run.js';
import { judgeLevel, trustedVerdict } from './level-jump.js';
import type { QualityTuning } from './quality-tuning.js';
import type {
  BinQualityProfile,
  QualityAssessment,
  QualitySample,
  QualityVerdict,
} from './quality-types.js';
import { plausibleRisePct } from './rise-allowance.js';
import {
  batteryNote,
  checkBlindZone,
  checkEcho,
  checkPastFloor,
  checkTilt,
} from './sample-checks.js';

export interface ClassifyResult {
  state: GateState;
  assessment: QualityAssessment;
}

const only = (verdict: QualityVerdict): QualityAssessment => ({ ...verdict, corrections: [] });

/**
 * Judges one reading of a bin against what the gate remembers of it. Pure: the same state and
 * sample always give the same result, and the input state is never changed.
 *
 * Order: no level at all (no-echo), sensor not looking into the bin (tilt, blind zone, past the
 * floor), stuck values, a level above the rim that was not reached gradually, then spikes. A
 * reading failing an earlier check never touches the history the later checks rely on.
 */
export function classifySample(
  state: GateState,
  sample: QualitySample,
  profile: BinQualityProfile,
  tuning: QualityTuning,
): ClassifyResult {
  const instant =
    checkEcho(sample) ??
    checkTilt(sample, tuning) ??
    checkBlindZone(sample, tuning) ??
    checkPastFloor(sample, profile, tuning);
  const fillPct = sample.fillPct ?? fillPctFromDistance(sample.distanceMm ?? 0, profile);
  const entry: LevelEntry = {
    id: sample.id,
    ts: sample.ts,
    fillPct,
    batteryNote: batteryNote(sample, profile, tuning),
  };

  // History is for readings in time order; a straggler is judged on its own.
  if (state.lastTs !== null && sample.ts < state.lastTs) {
    const late = 'arrived out of order: checked without history';
    return { state, assessment: only(instant ?? trustedVerdict(entry, late)) };
  }
  const seen: GateState = { ...state, lastTs: sample.ts };
  if (instant !== null) return { state: seen, assessment: only(instant) };

  const run = advanceRun(
    state.run,
    sample.distanceMm ?? fillPct,
    sample.ts,
    tuning.stuckToleranceMm,
  );
  const stuck = stuckReason(run, sample.ts, profile, tuning);
  if (stuck !== null) {
    return {
      state: { ...seen, run: { ...run, flagged: true } },
      assessment: only({ quality: 'stuck', reason: stuck }),
    };
  }
  if (state.run?.flagged === true) {
    const count = state.run.count;
    const reason = `moved again after ${count} identical readings: taken as the new baseline`;
    return {
      state: { trusted: [entry], pending: null, dropWatch: null, run, lastTs: sample.ts },
      assessment: only(trustedVerdict(entry, reason)),
    };
  }

  const aboveRim = aboveRimVerdict(state, entry, profile, tuning);
  if (aboveRim !== null) return { state: { ...seen, run }, assessment: only(aboveRim) };

  const judged = judgeLevel(state, entry, { profile, tuning });
  const { trusted, pending, dropWatch } = judged.state;

  // Spelled out rather than spread: this is the path of nearly every reading, and an object
  // literal of known shape is much cheaper than copying one object's fields into another.
  return {
    state: { trusted, pending, dropWatch, run, lastTs: sample.ts },
    assessment: {
      quality: judged.verdict.quality,
      reason: judged.verdict.reason,
      corrections: judged.corrections,
    },
  };
}

/**
 * Waste heaped over the rim is real when the level climbed there; a level that appears over the
 * rim in one go is something in the beam (a lid, a bag, a hand).
 */
function aboveRimVerdict(
  state: GateState,
  entry: LevelEntry,
  profile: BinQualityProfile,
  tuning: QualityTuning,
): QualityVerdict | null {
  const ceilingPct = 100 + tuning.overflowAllowancePct;
  if (entry.fillPct <= ceilingPct) return null;

  const reference = state.trusted.at(-1);
  const climbed =
    state.pending === null &&
    reference !== undefined &&
    entry.fillPct - reference.fillPct <=
      plausibleRisePct(reference.ts, entry.ts, state.trusted, profile, tuning);
  if (climbed) return null;

  return {
    quality: 'out-of-range',
    reason:
      `level ${Math.round(entry.fillPct)}% is over the rim (> ${ceilingPct}%) without climbing ` +
      'there: an object (lid, bag) in the beam',
  };
}
