import { describe, expect, it } from 'vitest';
import { fillPctFromDistance, qualityProfileForBin } from '../../src/quality/bin-profile.js';

describe('bin quality profile', () => {
  it('lets a market bin rise faster than a residential one before calling it a spike', () => {
    const geometry = { mountHeightMm: 1300, usableDepthMm: 1100 };
    const market = qualityProfileForBin({ ...geometry, landUse: 'market' });
    const residential = qualityProfileForBin({ ...geometry, landUse: 'residential' }, 2.7);

    expect(market.maxRisePctPerH).toBeGreaterThan(residential.maxRisePctPerH);
    expect(market.typicalRisePctPerH).toBeGreaterThan(residential.typicalRisePctPerH);
    expect(residential).toMatchObject({ ...geometry, lowBatteryV: 2.7 });
  });

  it('works fill out of distance without clamping, so impossible values stay visible', () => {
    const geometry = { mountHeightMm: 1300, usableDepthMm: 1100 };

    expect(fillPctFromDistance(1300, geometry)).toBe(0);
    expect(fillPctFromDistance(200, geometry)).toBe(100);
    expect(fillPctFromDistance(1410, geometry)).toBeCloseTo(-10, 6);
    expect(fillPctFromDistance(90, geometry)).toBeCloseTo(110, 6);
  });
});
