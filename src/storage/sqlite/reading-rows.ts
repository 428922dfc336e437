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

export function readingToRow(r: Reading): ReadingRow {
  return {
    dedupe_key: r.dedupeKey,
    device_id: r.deviceId,
    bin_id: r.binId,
    area_id: r.areaId,
    ts: r.ts,
    received_at: r.receivedAt,
    seq: finiteOrNull(r.seq),
    distance_mm: finiteOrNull(r.distanceMm),
    fill_pct: r.fillPct,
    battery_pct: finiteOrNull(r.batteryPct),
    battery_v: finiteOrNull(r.batteryV),
    temperature_c: finiteOrNull(r.temperatureC),
    tilt_deg: finiteOrNull(r.tiltDeg),
    quality: r.quality,
    quality_reason: r.qualityReason,
    rssi: finiteOrNull(r.rssi),
    snr: finiteOrNull(r.snr),
    gateways: finiteOrNull(r.gateways),
    source: r.source,
  };
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
