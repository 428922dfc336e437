import type { ReadingQuality } from '../../domain/reading.js';
import type { SeriesQuery } from '../telemetry-store.js';
import { bucketOffsetMs } from '../wib-buckets.js';
import { NUMERIC_FIELDS, READINGS_MEASUREMENT, TAG } from './line-protocol.js';

/**
 * InfluxQL for the store's reads. Every value from outside is a string literal or an identifier
 * quoted here, never pasted raw into the statement.
 */

/** A single-quoted InfluxQL string literal. */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A double-quoted InfluxQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const M = ident(READINGS_MEASUREMENT);
const FILL = ident(NUMERIC_FIELDS.fillPct);

/** [from, to) as epoch-millisecond literals. */
export function timeRange(fromMs: number, toMs: number): string {
  return `time >= ${Math.trunc(fromMs)}ms AND time < ${Math.trunc(toMs)}ms`;
}

function qualityFilter(qualities: readonly ReadingQuality[] | undefined): string {
  if (!qualities) return '';
  if (qualities.length === 0) return ' AND false';

  return ` AND (${qualities.map((q) => `${ident(TAG.quality)} = ${literal(q)}`).join(' OR ')})`;
}

/** GROUP BY time() cutting buckets at WIB midnight (InfluxQL offsets the grid from the epoch). */
function timeBuckets(everyMs: number): string {
  return `time(${everyMs}ms, ${bucketOffsetMs(everyMs)}ms)`;
}

export function rawReadingsQuery(binId: string, fromMs: number, toMs: number): string {
  const bin = `${ident(TAG.bin)} = ${literal(binId)}`;

  return `SELECT * FROM ${M} WHERE ${bin} AND ${timeRange(fromMs, toMs)} ORDER BY time ASC`;
}

/** Newest reading per bin; the other fields come from that same point (selector semantics). */
export function latestByBinQuery(): string {
  const extra = [
    NUMERIC_FIELDS.batteryPct,
    NUMERIC_FIELDS.batteryV,
    NUMERIC_FIELDS.temperatureC,
    NUMERIC_FIELDS.tiltDeg,
    TAG.device,
    TAG.quality,
  ]
    .map(ident)
    .join(', ');

  return `SELECT last(${FILL}) AS ${FILL}, ${extra} FROM ${M} GROUP BY ${ident(TAG.bin)}`;
}

export function binSeriesQuery(binId: string, q: SeriesQuery): string {
  return (
    `SELECT count(${FILL}) AS n, mean(${FILL}) AS m, min(${FILL}) AS lo, max(${FILL}) AS hi ` +
    `FROM ${M} WHERE ${ident(TAG.bin)} = ${literal(binId)} AND ${timeRange(q.from, q.to)}` +
    `${qualityFilter(q.qualities)} GROUP BY ${timeBuckets(q.everyMs)} fill(none)`
  );
}

/** Per-bin buckets first, then their mean, so each bin weighs the same in its area. */
export function areaSeriesQuery(areaId: string, q: SeriesQuery): string {
  const range = timeRange(q.from, q.to);
  const inner =
    `SELECT count(${FILL}) AS n, mean(${FILL}) AS m, min(${FILL}) AS lo, max(${FILL}) AS hi ` +
    `FROM ${M} WHERE ${ident(TAG.area)} = ${literal(areaId)} AND ${range}` +
    `${qualityFilter(q.qualities)} ` +
    `GROUP BY ${timeBuckets(q.everyMs)}, ${ident(TAG.bin)} fill(none)`;

  return (
    `SELECT sum(n) AS n, mean(m) AS m, min(lo) AS lo, max(hi) AS hi FROM (${inner}) ` +
    `WHERE ${range} GROUP BY ${timeBuckets(q.everyMs)} fill(none)`
  );
}
