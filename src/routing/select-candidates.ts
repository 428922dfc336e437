import { predictReach, type TrendState } from '../analytics/fill-trend.js';
import type { BinLatest } from '../domain/reading.js';
import type { Area, Bin, LandUse } from '../domain/registry.js';
import { volumeAtFillM3 } from '../ingest/fill-geometry.js';
import { levelIsTrusted } from '../quality/trust.js';
import type { PickupCandidate } from './plan-types.js';

/** Loose bulk density by land use, kg/m3 (ASSUMPTION around the 250 kg/m3 planning norm). */
export const DENSITY_KG_M3: Readonly<Record<LandUse, number>> = {
  residential: 250,
  market: 300,
  school: 150,
  office: 150,
  shophouse: 200,
};

const HOUR_MS = 3_600_000;

export interface SelectionInput {
  bins: Bin[];
  areas: Area[];
  latest: BinLatest[];
  trend: (binId: string) => TrendState | null;
  /** When crews reach the bins (start of the shift being planned). */
  serviceAt: number;
  /** Bins predicted to pass their threshold before this are collected now. */
  nextChanceAt: number;
  /**
   * When a crew last confirmed each bin collected. A confirmation newer than the bin's latest
   * reading means the sensor has not yet seen the emptying: a re-plan must not send a truck
   * back to a bin emptied minutes ago.
   */
  collectedAt?: ReadonlyMap<string, number>;
}

export interface NotSelected {
  binId: string;
  reason: string;
}

/**
 * Which bins go on today's plan: full now, or predicted to pass their threshold before the
 * next plan could reach them. A suspect latest reading never puts a bin on a route by itself:
 * the bin is judged by its last trusted level (the trend's), or skipped when it has none.
 */
export function selectCandidates(input: SelectionInput): {
  candidates: PickupCandidate[];
  skipped: NotSelected[];
} {
  const latest = new Map(input.latest.map((l) => [l.binId, l]));
  const areas = new Map(input.areas.map((a) => [a.id, a]));
  const candidates: PickupCandidate[] = [];
  const skipped: NotSelected[] = [];

  for (const bin of input.bins) {
    if (!bin.enabled) continue;

    const newest = latest.get(bin.id);
    if (!newest) {
      skipped.push({ binId: bin.id, reason: 'no reading yet' });
      continue;
    }
    const collected = input.collectedAt?.get(bin.id);
    if (collected !== undefined && collected >= newest.ts) {
      const at = new Date(collected).toISOString();
      skipped.push({ binId: bin.id, reason: `collected at ${at}, after its latest reading` });
      continue;
    }
    const trend = input.trend(bin.id);
    const suspect = levelIsTrusted(newest.quality) ? null : newest.quality;
    if (suspect !== null && trend === null) {
      skipped.push({ binId: bin.id, reason: `latest reading is suspect (${suspect})` });
      continue;
    }
    const state = suspect === null || trend === null ? newest : trend;
    const note =
      suspect === null ? '' : ` (last trusted level: the latest reading is suspect, ${suspect})`;

    const rate = trend?.ratePctPerHour ?? 0;
    const hoursAhead = Math.max(0, (input.serviceAt - state.ts) / HOUR_MS);
    const expectedFillPct = Math.min(100, state.fillPct + rate * hoursAhead);
    const reachAt = trend ? predictReach(trend, bin.thresholdPct) : null;

    let priority: PickupCandidate['priority'];
    let reason: string;
    if (state.fillPct >= bin.thresholdPct) {
      priority = 'overflowing';
      reason = `fill ${state.fillPct.toFixed(0)} % >= ${bin.thresholdPct} %${note}`;
    } else if (reachAt !== null && reachAt <= input.nextChanceAt) {
      priority = 'predicted';
      const at = new Date(reachAt).toISOString();
      reason = `reaches ${bin.thresholdPct} % at ${at}${note}`;
    } else {
      continue;
    }

    const volumeM3 = volumeAtFillM3(bin, expectedFillPct);
    const area = areas.get(bin.areaId);
    candidates.push({
      binId: bin.id,
      areaId: bin.areaId,
      areaName: area?.name ?? bin.areaId,
      siteName: bin.siteName,
      kind: bin.kind,
      landUse: bin.landUse,
      lat: bin.lat,
      lon: bin.lon,
      priority,
      reason,
      expectedFillPct: Math.round(expectedFillPct * 10) / 10,
      expectedVolumeM3: Math.round(volumeM3 * 1_000) / 1_000,
      expectedWeightKg: Math.round(volumeM3 * DENSITY_KG_M3[bin.landUse]),
    });
  }

  return { candidates, skipped };
}
