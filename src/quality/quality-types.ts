import type { ReadingQuality } from '../domain/reading.js';

/** What the gate needs to know about one reading, in Pesan Ibu's units. */
export interface QualitySample {
  /** Names the reading in later corrections: pass the Reading's `dedupeKey`. */
  id: string;
  /** Measurement time, epoch ms. */
  ts: number;
  distanceMm: number | null;
  /** Fill from the bin's geometry or the device; null = work it out from `distanceMm`. */
  fillPct: number | null;
  /** The sensor itself said it heard no echo. */
  noEcho: boolean;
  batteryPct: number | null;
  batteryV: number | null;
  /** Position switch (true = tilted: lid open, bin knocked over), for models that have one. */
  tilted: boolean | null;
  tiltDeg: number | null;
}

/** The bin a sample belongs to: its geometry and how fast it fills. */
export interface BinQualityProfile {
  /** Sensor face to the bin floor. */
  mountHeightMm: number;
  /** Part of the mounting height that holds waste: 100 % = distance (mount - usable). */
  usableDepthMm: number;
  /** Fastest rise this bin plausibly sees from ordinary use (%/h); a market fills faster. */
  maxRisePctPerH: number;
  /** Average rise (%/h): how long identical values can last before they look stuck. */
  typicalRisePctPerH: number;
  /** Battery voltage meaning "replace now" for this model; null = judge by percent only. */
  lowBatteryV: number | null;
}

export interface QualityVerdict {
  quality: ReadingQuality;
  /** Why, in words a technician understands; null for an unremarkable ok. */
  reason: string | null;
}

/** A revised verdict for an earlier reading (a suspected spike confirmed or cleared). */
export interface QualityCorrection extends QualityVerdict {
  id: string;
  ts: number;
}

export interface QualityAssessment extends QualityVerdict {
  /** Earlier readings of the same bin whose stored verdict should now be replaced. */
  corrections: QualityCorrection[];
}
