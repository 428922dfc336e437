import type {} from '@fastify/swagger';
import { type TSchema, Type } from '@sinclair/typebox';

/** Shared response shapes for the OpenAPI document. */

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const BinSchema = Type.Object({
  id: Type.String(),
  areaId: Type.String(),
  siteName: Type.String(),
  siteId: Type.Optional(Nullable(Type.String({ description: 'the site the bin stands at' }))),
  kind: Type.String(),
  volumeL: Type.Number(),
  mountHeightMm: Type.Number(),
  usableDepthMm: Type.Number(),
  landUse: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  thresholdPct: Type.Number(),
  reportIntervalS: Type.Number(),
  enabled: Type.Boolean(),
});

export const BinStateSchema = Type.Object({
  fillPct: Nullable(Type.Number()),
  quality: Nullable(Type.String()),
  lastReadingAt: Nullable(Type.String({ format: 'date-time' })),
  batteryPct: Nullable(Type.Number()),
  batteryV: Nullable(Type.Number()),
  temperatureC: Nullable(Type.Number()),
  tiltDeg: Nullable(Type.Number()),
  ratePctPerHour: Nullable(Type.Number()),
  predictedFullAt: Nullable(Type.String({ format: 'date-time' })),
  lastEmptiedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const BinWithStateSchema = Type.Intersect([
  BinSchema,
  Type.Object({ areaName: Type.String(), state: BinStateSchema }),
]);

export const BucketSchema = Type.Object({
  start: Type.String({ format: 'date-time' }),
  count: Type.Number(),
  meanFillPct: Type.Number(),
  minFillPct: Type.Number(),
  maxFillPct: Type.Number(),
});

export const AlertSchema = Type.Object({
  id: Type.Number(),
  binId: Type.String(),
  deviceId: Nullable(Type.String()),
  kind: Type.String(),
  severity: Type.String(),
  status: Type.String(),
  message: Type.String(),
  value: Nullable(Type.Number()),
  openedAt: Type.Number(),
  updatedAt: Type.Number(),
  acknowledgedAt: Nullable(Type.Number()),
  acknowledgedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Type.Number()),
});

export const DurationSchema = Type.String({
  pattern: '^[0-9]+(m|h|d)$',
  description: 'bucket width, e.g. 15m, 1h, 1d',
});

export const TimeParam = Type.String({
  description: 'ISO 8601 time or epoch milliseconds',
});

export function parseDurationMs(value: string): number {
  const n = Number.parseInt(value, 10);
  const unit = value.at(-1);

  return n * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
}
