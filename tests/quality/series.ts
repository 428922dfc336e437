import type { ReadingQuality } from '../../src/domain/reading.js';
import { QualityGate } from '../../src/quality/quality-gate.js';
import type { QualityTuning } from '../../src/quality/quality-tuning.js';
import type { BinQualityProfile, QualitySample } from '../../src/quality/quality-types.js';

/** Synthetic reading series for the quality gate, and a runner that stores verdicts. */
export const T0 = Date.parse('2026-12-03T05:00:00+07:00');
export const MIN = 60_000;

/** A 660 L wheelie bin read from under its lid: 1300 mm to the floor, rim 200 mm down. */
export const WHEELIE: BinQualityProfile = {
  mountHeightMm: 1300,
  usableDepthMm: 1100,
  maxRisePctPerH: 15,
  typicalRisePctPerH: 1.5,
  lowBatteryV: null,
};

export function distanceForFill(profile: BinQualityProfile, fillPct: number): number {
  return Math.round(profile.mountHeightMm - (fillPct / 100) * profile.usableDepthMm);
}

export interface Step {
  minute: number;
  fillPct?: number;
  distanceMm?: number;
  noEcho?: boolean;
  batteryPct?: number;
  batteryV?: number;
  tilted?: boolean;
}

export function sample(profile: BinQualityProfile, step: Step): QualitySample {
  const distanceMm =
    step.noEcho === true
      ? null
      : (step.distanceMm ?? distanceForFill(profile, step.fillPct ?? Number.NaN));

  return {
    id: `r${step.minute}`,
    ts: T0 + step.minute * MIN,
    distanceMm,
    fillPct: null,
    noEcho: step.noEcho ?? false,
    batteryPct: step.batteryPct ?? 80,
    batteryV: step.batteryV ?? null,
    tilted: step.tilted ?? null,
    tiltDeg: null,
  };
}

export interface StoredVerdict {
  quality: ReadingQuality;
  reason: string | null;
  /** The verdict given when the reading arrived, before any correction. */
  first: ReadingQuality;
  corrected: boolean;
}

/** Feeds the steps through one gate and keeps verdicts the way the store would. */
export function runSeries(
  profile: BinQualityProfile,
  steps: Step[],
  tuning: Partial<QualityTuning> = {},
): Map<string, StoredVerdict> {
  const gate = new QualityGate(tuning);
  const stored = new Map<string, StoredVerdict>();
  for (const step of steps) {
    const s = sample(profile, step);
    const assessment = gate.assess('bin-1', profile, s);
    stored.set(s.id, {
      quality: assessment.quality,
      reason: assessment.reason,
      first: assessment.quality,
      corrected: false,
    });
    for (const c of assessment.corrections) {
      const earlier = stored.get(c.id);
      if (earlier === undefined) throw new Error(`correction for unknown reading ${c.id}`);
      stored.set(c.id, { ...earlier, quality: c.quality, reason: c.reason, corrected: true });
    }
  }

  return stored;
}

export function qualities(stored: Map<string, StoredVerdict>): Record<string, ReadingQuality> {
  return Object.fromEntries([...stored].map(([id, v]) => [id, v.quality]));
}

/** Evenly spaced steps from a list of fill levels. */
export function everyMinutes(intervalMin: number, fills: number[], startMin = 0): Step[] {
  return fills.map((fillPct, i) => ({ minute: startMin + i * intervalMin, fillPct }));
}
