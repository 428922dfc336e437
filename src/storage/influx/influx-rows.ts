import type {
  BinLatest,
  Reading,
  ReadingQuality,
  ReadingSource,
  SeriesBucket,
} from '../../domain/reading.js';
import type { InfluxqlSeries } from './influx-http.js';
import { NUMERIC_FIELDS, STRING_FIELDS, TAG } from './line-protocol.js';

/**
 * Turning InfluxQL results back into domain values. The points were written by this adapter
 * from validated readings, so tag values are trusted to be the enums they were.
 */
type Row = Record<string, unknown>;

function rows(series: InfluxqlSeries): Row[] {
  return series.values.map((values) =>
    Object.fromEntries(series.columns.map((column, i) => [column, values[i]])),
  );
}

function num(row: Row, key: string): number | null {
  const value = row[key];

  return typeof value === 'number' ? value : null;
}

function str(row: Row, key: string): string | null {
  const value = row[key];

  return typeof value === 'string' && value !== '' ? value : null;
}

export function readingsFromSeries(series: readonly InfluxqlSeries[]): Reading[] {
  return series.flatMap(rows).map((row) => ({
    deviceId: str(row, TAG.device) ?? '',
    binId: str(row, TAG.bin) ?? '',
    areaId: str(row, TAG.area) ?? '',
    ts: num(row, 'time')!,
    receivedAt: num(row, NUMERIC_FIELDS.receivedAt) ?? num(row, 'time')!,
    seq: num(row, NUMERIC_FIELDS.seq),
    distanceMm: num(row, NUMERIC_FIELDS.distanceMm),
    fillPct: num(row, NUMERIC_FIELDS.fillPct)!,
    batteryPct: num(row, NUMERIC_FIELDS.batteryPct),
    batteryV: num(row, NUMERIC_FIELDS.batteryV),
    temperatureC: num(row, NUMERIC_FIELDS.temperatureC),
    tiltDeg: num(row, NUMERIC_FIELDS.tiltDeg),
    quality: (str(row, TAG.quality) ?? 'ok') as ReadingQuality,
    qualityReason: str(row, STRING_FIELDS.qualityReason),
    rssi: num(row, NUMERIC_FIELDS.rssi),
    snr: num(row, NUMERIC_FIELDS.snr),
    gateways: num(row, NUMERIC_FIELDS.gateways),
    source: (str(row, TAG.source) ?? 'mqtt') as ReadingSource,
    dedupeKey: str(row, STRING_FIELDS.dedupeKey) ?? '',
  }));
}

export function latestFromSeries(series: readonly InfluxqlSeries[]): BinLatest[] {
  return series.flatMap((s) =>
    rows(s).map((row) => ({
      binId: s.tags?.[TAG.bin] ?? '',
      deviceId: str(row, TAG.device) ?? '',
      ts: num(row, 'time')!,
      fillPct: num(row, NUMERIC_FIELDS.fillPct)!,
      quality: (str(row, TAG.quality) ?? 'ok') as ReadingQuality,
      batteryPct: num(row, NUMERIC_FIELDS.batteryPct),
      batteryV: num(row, NUMERIC_FIELDS.batteryV),
      temperatureC: num(row, NUMERIC_FIELDS.temperatureC),
      tiltDeg: num(row, NUMERIC_FIELDS.tiltDeg),
    })),
  );
}

/** Rows of `n, m, lo, hi` per bucket, as both series queries return them. */
export function bucketsFromSeries(series: readonly InfluxqlSeries[]): SeriesBucket[] {
  return series.flatMap(rows).map((row) => ({
    start: num(row, 'time')!,
    count: num(row, 'n')!,
    meanFillPct: num(row, 'm')!,
    minFillPct: num(row, 'lo')!,
    maxFillPct: num(row, 'hi')!,
  }));
}
