import type { BinWithState } from './types.js';

/** Fill bands the map colours bins by; "full" follows each bin's own threshold. */
export const BANDS = ['low', 'mid', 'full', 'unknown'] as const;
export type Band = (typeof BANDS)[number];

export const BAND_COLOURS: Record<Band, string> = {
  low: '#16a34a',
  mid: '#f59e0b',
  full: '#dc2626',
  unknown: '#9ca3af',
};

export function bandOf(bin: BinWithState): Band {
  const fill = bin.state.fillPct;
  if (fill === null) return 'unknown';
  if (fill >= bin.thresholdPct) return 'full';

  return fill >= 50 ? 'mid' : 'low';
}

/** A reading the sensor pipeline flagged (no echo, spike, stuck...) marks the bin. */
export const hasQualityProblem = (bin: BinWithState) =>
  bin.state.quality !== null && bin.state.quality !== 'ok';
