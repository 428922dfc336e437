import type { QualitySample } from '../quality/quality-types.js';
import type { DecodedFrame } from './decoded-frame.js';

/**
 * The quality gate's view of a decoded measurement frame. `fillPct` is the fill ingest worked
 * out from the bin geometry; null lets the gate use the device's own fill or the distance.
 */
export function qualitySampleFromFrame(
  frame: DecodedFrame,
  reading: { id: string; ts: number; fillPct?: number | null },
): QualitySample {
  return {
    id: reading.id,
    ts: reading.ts,
    distanceMm: frame.noEcho ? null : frame.distanceMm,
    fillPct: reading.fillPct ?? (frame.noEcho ? null : frame.deviceFillPct),
    noEcho: frame.noEcho,
    batteryPct: frame.batteryPct,
    batteryV: frame.batteryV,
    tilted: frame.tilted,
    tiltDeg: frame.tiltDeg,
  };
}
