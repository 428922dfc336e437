import { escape as lineEscape } from '@influxdata/influxdb-client';
import type { Reading } from '../../domain/reading.js';

/**
 * The readings schema in InfluxDB (documented in docs/influx-schema.md). Tags are the
 * low-cardinality dimensions dashboards group by; everything measured is a field.
 */
export const READINGS_MEASUREMENT = 'readings';

/** Tag keys, in the sorted order InfluxDB prefers (it sorts them anyway; sorted is cheaper). */
export const TAG = {
  area: 'area',
  bin: 'bin',
  binKind: 'bin_kind',
  device: 'device',
  landUse: 'land_use',
  quality: 'quality',
  source: 'source',
} as const;

/** Numeric fields. Always written without the `i` suffix, so InfluxDB stores them as floats. */
export const NUMERIC_FIELDS = {
  fillPct: 'fill_pct',
  distanceMm: 'distance_mm',
  batteryPct: 'battery_pct',
  batteryV: 'battery_v',
  temperatureC: 'temperature_c',
  tiltDeg: 'tilt_deg',
  rssi: 'rssi',
  snr: 'snr',
  gateways: 'gateways',
  seq: 'seq',
  receivedAt: 'received_at_ms',
} as const satisfies Partial<Record<keyof Reading, string>>;

export const STRING_FIELDS = {
  dedupeKey: 'dedupe_key',
  qualityReason: 'quality_reason',
} as const satisfies Partial<Record<keyof Reading, string>>;

/** Location fields, written so Grafana's geomap can place a bin without another source. */
export const LOCATION_FIELDS = { lat: 'lat', lon: 'lon' } as const;

/**
 * Registry facts about a bin written with each reading: land use and kind as tags (dashboards
 * group by them), location as fields. Optional because a bin may be unknown to the registry.
 */
export interface BinInfo {
  landUse?: string;
  binKind?: string;
  lat?: number;
  lon?: number;
}

/**
 * One reading as a line of line protocol at millisecond precision. Non-finite numbers are left
 * out (a missing field reads back as null); the caller has already refused a non-finite fill.
 */
export function readingToLine(r: Reading, bin: BinInfo | undefined): string {
  let line = READINGS_MEASUREMENT;
  line += tag(TAG.area, r.areaId);
  line += tag(TAG.bin, r.binId);
  line += tag(TAG.binKind, bin?.binKind);
  line += tag(TAG.device, r.deviceId);
  line += tag(TAG.landUse, bin?.landUse);
  line += tag(TAG.quality, r.quality);
  line += tag(TAG.source, r.source);

  let fields = `${NUMERIC_FIELDS.fillPct}=${r.fillPct}`;
  fields += numberField(NUMERIC_FIELDS.distanceMm, r.distanceMm);
  fields += numberField(NUMERIC_FIELDS.batteryPct, r.batteryPct);
  fields += numberField(NUMERIC_FIELDS.batteryV, r.batteryV);
  fields += numberField(NUMERIC_FIELDS.temperatureC, r.temperatureC);
  fields += numberField(NUMERIC_FIELDS.tiltDeg, r.tiltDeg);
  fields += numberField(NUMERIC_FIELDS.rssi, r.rssi);
  fields += numberField(NUMERIC_FIELDS.snr, r.snr);
  fields += numberField(NUMERIC_FIELDS.gateways, r.gateways);
  fields += numberField(NUMERIC_FIELDS.seq, r.seq);
  fields += numberField(NUMERIC_FIELDS.receivedAt, r.receivedAt);
  fields += numberField(LOCATION_FIELDS.lat, bin?.lat ?? null);
  fields += numberField(LOCATION_FIELDS.lon, bin?.lon ?? null);
  fields += `,${STRING_FIELDS.dedupeKey}=${lineEscape.quoted(r.dedupeKey)}`;
  if (r.qualityReason !== null) {
    fields += `,${STRING_FIELDS.qualityReason}=${lineEscape.quoted(r.qualityReason)}`;
  }

  return `${line} ${fields} ${Math.trunc(r.ts)}`;
}

/** InfluxDB drops empty tag values, so an absent or empty value is simply not written. */
export function tag(key: string, value: string | undefined): string {
  return value ? `,${key}=${lineEscape.tag(value)}` : '';
}

/** Written without the `i` suffix: always a float, so a field's type never changes. */
export function numberField(key: string, value: number | null): string {
  return value !== null && Number.isFinite(value) ? `,${key}=${value}` : '';
}
