/** A fill reading after decoding and validation, ready for the telemetry store. */

export const READING_QUALITIES = [
  'ok',
  'no-echo',
  'out-of-range',
  'spike',
  'stuck',
  'low-battery',
] as const;
export type ReadingQuality = (typeof READING_QUALITIES)[number];

export const READING_SOURCES = ['mqtt', 'ttn', 'chirpstack', 'http', 'backfill'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

export interface Reading {
  deviceId: string;
  binId: string;
  areaId: string;
  /** Measurement time, epoch ms (device clock when given and sane, else receive time). */
  ts: number;
  receivedAt: number;
  seq: number | null;
  distanceMm: number | null;
  fillPct: number;
  batteryPct: number | null;
  temperatureC: number | null;
  tiltDeg: number | null;
  quality: ReadingQuality;
  qualityReason: string | null;
  rssi: number | null;
  snr: number | null;
  gateways: number | null;
  source: ReadingSource;
  /** Identity of the frame for duplicate suppression (QoS 1 redelivery, multi-gateway). */
  dedupeKey: string;
}

/** Latest known state of a bin, as kept by the telemetry store. */
export interface BinLatest {
  binId: string;
  deviceId: string;
  ts: number;
  fillPct: number;
  quality: ReadingQuality;
  batteryPct: number | null;
  temperatureC: number | null;
  tiltDeg: number | null;
}

/** One time bucket of a series: `start` is the bucket's first epoch ms. */
export interface SeriesBucket {
  start: number;
  count: number;
  meanFillPct: number;
  minFillPct: number;
  maxFillPct: number;
}
