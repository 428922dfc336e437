/**
 * Thresholds of the quality gate. Defaults suit 660 L to 6 m³ bins read every 15 to 60 minutes
 * by ultrasonic sensors; every figure can be overridden per deployment.
 */
export interface QualityTuning {
  /** Readings closer than this are inside the blind zone of ultrasonic transducers. */
  minDistanceMm: number;
  /** How far past the bin floor a reading may go (uneven floors, mounting error). */
  floorAllowanceMm: number;
  /** Fill above 100 % that is still a level (heaped waste) rather than an object in the beam. */
  overflowAllowancePct: number;
  /** Tilt beyond which the sensor no longer looks into the bin. */
  maxTiltDeg: number;
  /** Measurement jitter added to every plausible-rise bound. */
  noiseAllowancePct: number;
  /** Later readings that must hold a jumped level before the jump counts as real. */
  confirmReadings: number;
  /** How far below the level a "holding" reading may fall; also the smallest counted drop. */
  holdTolerancePct: number;
  /** Recent history used to learn how fast this bin is filling right now. */
  recentRiseWindowMs: number;
  /** Identical values are stuck when the bin would normally have changed this much meanwhile. */
  stuckChangePct: number;
  stuckMinReadings: number;
  /** Two distances this close count as identical. */
  stuckToleranceMm: number;
  lowBatteryPct: number;
  /** Trusted readings kept per bin (enough to cover `recentRiseWindowMs`). */
  maxTrustedEntries: number;
}

export const DEFAULT_QUALITY_TUNING: Readonly<QualityTuning> = Object.freeze({
  minDistanceMm: 100,
  floorAllowanceMm: 150,
  overflowAllowancePct: 10,
  maxTiltDeg: 30,
  noiseAllowancePct: 8,
  confirmReadings: 2,
  holdTolerancePct: 6,
  recentRiseWindowMs: 3 * 3_600_000,
  stuckChangePct: 25,
  stuckMinReadings: 6,
  stuckToleranceMm: 0,
  lowBatteryPct: 10,
  maxTrustedEntries: 64,
});

export function resolveTuning(overrides: Partial<QualityTuning> = {}): Readonly<QualityTuning> {
  return Object.freeze({ ...DEFAULT_QUALITY_TUNING, ...overrides });
}
