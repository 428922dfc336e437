import type { Bin } from '../domain/registry.js';

/** Below this the ultrasonic transducer cannot see (ring-down): a reading there is no echo. */
export const BLIND_ZONE_MM = 30;

export type GeometryVerdict =
  | { kind: 'ok'; fillPct: number }
  | { kind: 'out-of-range'; fillPct: number; reason: string };

/**
 * Fill from the measured distance: the waste surface sits `distance` below the sensor, and the
 * bin is full when the surface reaches `mountHeight - usableDepth`. Above full (overflowing,
 * heaped waste) is reported as 100 %.
 */
export function fillFromDistance(distanceMm: number, bin: Bin): GeometryVerdict {
  const fullAtMm = bin.mountHeightMm - bin.usableDepthMm;
  const raw = ((bin.mountHeightMm - distanceMm) / bin.usableDepthMm) * 100;
  const fillPct = Math.round(Math.min(100, Math.max(0, raw)) * 10) / 10;

  if (distanceMm < BLIND_ZONE_MM) {
    return {
      kind: 'out-of-range',
      fillPct,
      reason: `distance ${distanceMm} mm is in the blind zone`,
    };
  }
  // Deeper than the floor by more than a tolerance: the beam hit something else or echoed twice.
  if (distanceMm > bin.mountHeightMm * 1.1 + 50) {
    return {
      kind: 'out-of-range',
      fillPct,
      reason: `distance ${distanceMm} mm is beyond the bin floor (${bin.mountHeightMm} mm)`,
    };
  }
  if (distanceMm < fullAtMm) return { kind: 'ok', fillPct: 100 };

  return { kind: 'ok', fillPct };
}

export function volumeAtFillM3(bin: Bin, fillPct: number): number {
  return (bin.volumeL / 1_000) * (fillPct / 100);
}
