import type { QualityTuning } from './quality-tuning.js';
import type { BinQualityProfile, QualitySample, QualityVerdict } from './quality-types.js';

/**
 * Checks that need no history: is there a level at all, is the sensor looking into the bin, and
 * is the distance inside the bin. Each returns null when the sample passes.
 */
export function checkEcho(sample: QualitySample): QualityVerdict | null {
  if (sample.noEcho) {
    return { quality: 'no-echo', reason: 'sensor reported no echo: level unknown' };
  }
  // Many sensors send 0 when nothing echoes; 0 mm would mean waste touching the sensor face.
  if (sample.distanceMm === 0) {
    return { quality: 'no-echo', reason: 'distance 0 mm is the no-echo value: level unknown' };
  }
  if (sample.distanceMm === null && sample.fillPct === null) {
    return { quality: 'no-echo', reason: 'reading carries neither distance nor fill' };
  }

  return null;
}

export function checkTilt(sample: QualitySample, tuning: QualityTuning): QualityVerdict | null {
  if (sample.tilted === true) {
    return {
      quality: 'out-of-range',
      reason:
        'sensor reports it is tilted (lid open or bin knocked over): not looking into the bin',
    };
  }
  if (sample.tiltDeg !== null && Math.abs(sample.tiltDeg) > tuning.maxTiltDeg) {
    return {
      quality: 'out-of-range',
      reason:
        `sensor tilted ${Math.abs(sample.tiltDeg)}° (over ${tuning.maxTiltDeg}°): ` +
        'not looking into the bin',
    };
  }

  return null;
}

export function checkBlindZone(
  sample: QualitySample,
  tuning: QualityTuning,
): QualityVerdict | null {
  const distance = sample.distanceMm;
  if (distance === null || distance >= tuning.minDistanceMm) return null;

  return {
    quality: 'out-of-range',
    reason:
      `distance ${distance} mm is inside the sensor's blind zone ` +
      `(< ${tuning.minDistanceMm} mm): something is on the sensor`,
  };
}

export function checkPastFloor(
  sample: QualitySample,
  profile: BinQualityProfile,
  tuning: QualityTuning,
): QualityVerdict | null {
  const distance = sample.distanceMm;
  if (distance === null || distance <= profile.mountHeightMm + tuning.floorAllowanceMm) return null;

  return {
    quality: 'out-of-range',
    reason:
      `distance ${distance} mm is past the bin floor (${profile.mountHeightMm} mm): ` +
      'sensor misaligned or bin moved',
  };
}

/** A low battery does not make the level wrong, but the sensor needs a visit. */
export function batteryNote(
  sample: QualitySample,
  profile: Pick<BinQualityProfile, 'lowBatteryV'>,
  tuning: QualityTuning,
): string | null {
  if (sample.batteryPct !== null && sample.batteryPct < tuning.lowBatteryPct) {
    return `battery ${sample.batteryPct}% (below ${tuning.lowBatteryPct}%)`;
  }
  if (
    sample.batteryV !== null &&
    profile.lowBatteryV !== null &&
    sample.batteryV < profile.lowBatteryV
  ) {
    return `battery ${sample.batteryV} V (below ${profile.lowBatteryV} V)`;
  }

  return null;
}
