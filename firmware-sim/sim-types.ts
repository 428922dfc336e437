import type { Bin, LandUse } from '../src/domain/registry.js';

/** The part of a registry bin the simulator needs; a full `Bin` fits. */
export type SimBin = Pick<
  Bin,
  | 'id'
  | 'areaId'
  | 'kind'
  | 'landUse'
  | 'volumeL'
  | 'mountHeightMm'
  | 'usableDepthMm'
  | 'reportIntervalS'
>;

/**
 * A period of unusual waste generation (demo-parameters 7.3): Lebaran x1.25, a flood x2 in one
 * kecamatan, Ramadan markets x1.2. Applied at hour granularity; empty filters match everything.
 */
export interface GenerationEvent {
  fromMs: number;
  toMs: number;
  factor: number;
  areaIds?: readonly string[];
  landUses?: readonly LandUse[];
}

/** Rare sensor-side incidents, as probabilities per bin per local day (0 = never). */
export interface AnomalyRates {
  /** Smouldering waste: temperature climbs past the fire-alert level for about two hours. */
  firePerBinDay?: number;
  /** Bin knocked over: tilt near 90 degrees and wild distances for 6-24 hours. */
  fallenPerBinDay?: number;
}
