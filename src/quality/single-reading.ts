import { classifySample } from './classify-sample.js';
import { EMPTY_GATE_STATE } from './gate-state.js';
import { DEFAULT_QUALITY_TUNING, type QualityTuning } from './quality-tuning.js';
import type { BinQualityProfile, QualitySample, QualityVerdict } from './quality-types.js';
import { batteryNote, checkBlindZone, checkEcho, checkTilt } from './sample-checks.js';

/**
 * The verdict one reading earns on its own, with no history (a technician's spot check). With
 * the bin's geometry every history-free check runs; without it, only what the sensor says about
 * itself (echo, tilt, blind zone, battery).
 */
export function assessSingleReading(
  sample: QualitySample,
  profile: BinQualityProfile | null,
  lowBatteryV: number | null,
  tuning: QualityTuning = DEFAULT_QUALITY_TUNING,
): QualityVerdict {
  if (profile !== null) {
    const { assessment } = classifySample(EMPTY_GATE_STATE, sample, profile, tuning);

    return { quality: assessment.quality, reason: assessment.reason };
  }

  const instant = checkEcho(sample) ?? checkTilt(sample, tuning) ?? checkBlindZone(sample, tuning);
  if (instant !== null) return instant;
  const battery = batteryNote(sample, { lowBatteryV }, tuning);

  return battery === null
    ? { quality: 'ok', reason: null }
    : { quality: 'low-battery', reason: battery };
}
