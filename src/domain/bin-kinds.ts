import type { BinKind } from './registry.js';

/**
 * Typical geometry of each container kind. Mount height is sensor face to floor; usable depth
 * is the part that holds waste (the rest is headroom under the lid or frame). ASSUMPTION: sizes
 * from SNI 19-2454 norms and common Indonesian products; a bin's own record overrides them.
 */
export interface BinKindSpec {
  volumeL: number;
  mountHeightMm: number;
  usableDepthMm: number;
  /** Minutes a crew spends emptying or swapping one container. */
  serviceMin: number;
}

export const BIN_KIND_SPECS: Readonly<Record<BinKind, BinKindSpec>> = {
  'house-40': { volumeL: 40, mountHeightMm: 500, usableDepthMm: 420, serviceMin: 1 },
  'wheelie-120': { volumeL: 120, mountHeightMm: 1_000, usableDepthMm: 850, serviceMin: 2 },
  'wheelie-240': { volumeL: 240, mountHeightMm: 1_100, usableDepthMm: 950, serviceMin: 3 },
  'wheelie-660': { volumeL: 660, mountHeightMm: 1_300, usableDepthMm: 1_100, serviceMin: 5 },
  'masonry-tps': { volumeL: 2_000, mountHeightMm: 1_200, usableDepthMm: 1_000, serviceMin: 20 },
  'armroll-skip-6m3': {
    volumeL: 6_000,
    mountHeightMm: 1_800,
    usableDepthMm: 1_500,
    serviceMin: 15,
  },
};
