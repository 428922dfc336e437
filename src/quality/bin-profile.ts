import type { Bin, LandUse } from '../domain/registry.js';
import type { BinQualityProfile } from './quality-types.js';

/**
 * Starting fill rates per land use (%/h of usable depth): a market bin can rise by a third in
 * an hour on market day; a house street bin rarely by a tenth. They only bound what counts as
 * plausible, so they err high; `typical` sets how long a value may sit unchanged.
 */
const RISE_RATES: Record<LandUse, { maxPctPerH: number; typicalPctPerH: number }> = {
  market: { maxPctPerH: 35, typicalPctPerH: 4 },
  shophouse: { maxPctPerH: 20, typicalPctPerH: 2 },
  school: { maxPctPerH: 20, typicalPctPerH: 1.5 },
  office: { maxPctPerH: 15, typicalPctPerH: 1 },
  residential: { maxPctPerH: 15, typicalPctPerH: 1.5 },
};

export function qualityProfileForBin(
  bin: Pick<Bin, 'mountHeightMm' | 'usableDepthMm' | 'landUse'>,
  lowBatteryV: number | null = null,
): BinQualityProfile {
  const rates = RISE_RATES[bin.landUse];

  return {
    mountHeightMm: bin.mountHeightMm,
    usableDepthMm: bin.usableDepthMm,
    maxRisePctPerH: rates.maxPctPerH,
    typicalRisePctPerH: rates.typicalPctPerH,
    lowBatteryV,
  };
}

/** Unclamped on purpose: below 0 or above 100 tells the gate something is wrong. */
export function fillPctFromDistance(
  distanceMm: number,
  profile: Pick<BinQualityProfile, 'mountHeightMm' | 'usableDepthMm'>,
): number {
  return ((profile.mountHeightMm - distanceMm) / profile.usableDepthMm) * 100;
}
