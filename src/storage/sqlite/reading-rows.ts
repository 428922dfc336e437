import type { Reading, ReadingQuality, ReadingSource } from '../../domain/reading.js';
import { finiteOrNull } from '../reading-values.js';

/** A readings-table row; column names follow SQL convention, values are stored as given. */
export interface ReadingRow {
  dedupe_key: string;
  device_id: string;
  bin_id: string;
  area_id: string;
  ts: number;
  received_at: number;
  seq: number | null;
  distance_mm: number | null;
  fill_pct: number;
  battery_pct: number | null;
  battery_v: number | null;
  temperature_c: number | null;
  tilt_deg: number | null;
  quality: string;
  quality_reason: string | null;
  rssi: number | null;
  snr: number | null;
  gateways: number | null;
  source: string;
}

/** The readings columns in the order a packed row lists them. */
export const READING_COLUMNS = [
  'dedupe_key',
  'device_id',
  'bin_id',
  'area_id',
  'ts',
  'received_at',
  'seq',
  'distance_mm',
  'fill_pct',
  'battery_pct',
  'battery_v',
  'temperature_c',
  'tilt_deg',
  'quality',
  'quality_reason',
  'rssi',
  'snr',
  'gateways',
  'source',
] as const satisfies readonly (keyof ReadingRow)[];

export const READING_WIDTH = READING_COLUMNS.length;

/** Where a column sits within a packed row. */
export const COLUMN = Object.fromEntries(READING_COLUMNS.map((c, i) => [c, i])) as {
  readonly [K in (typeof READING_COLUMNS)[number]]: number;
};

export type PackedValue = string | number | null;

/**
 * A batch as one flat array, READING_WIDTH values per reading in READING_COLUMNS order. The
 * writer thread receives it by structured clone: a flat array of numbers and strings is
 * several times cheaper to copy than an array of objects with 19 named fields each, and the
 * copying happens on the busy main thread.
 */
export function packReadings(readings: readonly Reading[]): PackedValue[] {
  const packed: PackedValue[] = new Array(readings.length * READING_WIDTH);
  let o = 0;
  for (const r of readings) {
    packed[o++] = r.dedupeKey;
    packed[o++] = r.deviceId;
    packed[o++] = r.binId;
    packed[o++] = r.areaId;
    packed[o++] = r.ts;
    packed[o++] = r.receivedAt;
    packed[o++] = finiteOrNull(r.seq);
    packed[o++] = finiteOrNull(r.distanceMm);
    packed[o++] = r.fillPct;
    packed[o++] = finiteOrNull(r.batteryPct);
    packed[o++] = finiteOrNull(r.batteryV);
    packed[o++] = finiteOrNull(r.temperatureC);
    packed[o++] = finiteOrNull(r.tiltDeg);
    packed[o++] = r.quality;
    packed[o++] = r.qualityReason;
    packed[o++] = finiteOrNull(r.rssi);
    packed[o++] = finiteOrNull(r.snr);
    packed[o++] = finiteOrNull(r.gateways);
    packed[o++] = r.source;
  }

  return packed;
}

/** Rows were written from validated readings, so the enum columns are trusted here. */
export function readingFromRow(row: ReadingRow): Reading {
  return {
    deviceId: row.device_id,
    binId: row.bin_id,
    areaId: row.area_id,
    ts: row.ts,
    receivedAt: row.received_at,
    seq: row.seq,
    distanceMm: row.distance_mm,
    fillPct: row.fill_pct,
    batteryPct: row.battery_pct,
    batteryV: row.battery_v,
    temperatureC: row.temperature_c,
    tiltDeg: row.tilt_deg,
    quality: row.quality as ReadingQuality,
    qualityReason: row.quality_reason,
    rssi: row.rssi,
    snr: row.snr,
    gateways: row.gateways,
    source: row.source as ReadingSource,
    dedupeKey: row.dedupe_key,
  };
}
