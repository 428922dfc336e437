import type { Bin } from '../../../src/domain/registry.js';

/** Sensor geometry of the container kinds used in tests (mount height, usable depth). */
const GEOMETRY: Record<Bin['kind'], [volumeL: number, mountMm: number, usableMm: number]> = {
  'house-40': [40, 500, 400],
  'wheelie-120': [120, 950, 800],
  'wheelie-240': [240, 1100, 900],
  'wheelie-660': [660, 1300, 1100],
  'masonry-tps': [2000, 1500, 1200],
  'armroll-skip-6m3': [6000, 1800, 1500],
};

export function testBin(id: string, overrides: Partial<Bin> = {}): Bin {
  const kind = overrides.kind ?? 'wheelie-660';
  const [volumeL, mountHeightMm, usableDepthMm] = GEOMETRY[kind];

  return {
    id,
    areaId: 'kibin',
    siteName: `site of ${id}`,
    kind,
    volumeL,
    mountHeightMm,
    usableDepthMm,
    landUse: 'residential',
    thresholdPct: 80,
    reportIntervalS: 900,
    enabled: true,
    lat: -6.15,
    lon: 106.35,
    ...overrides,
  };
}

/** Local (WIB) midnight of a date, epoch ms. */
export function wibMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+07:00`);
}
