import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { predictReach } from '../../analytics/fill-trend.js';
import type { BinLatest } from '../../domain/reading.js';
import type { Bin } from '../../domain/registry.js';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import {
  BinWithStateSchema,
  BucketSchema,
  DurationSchema,
  parseDurationMs,
  TimeParam,
} from '../schemas.js';
import { iso, parseTime } from '../time-params.js';

const MAX_BUCKETS = 5_000;

export function binView(ctx: ApiContext, bin: Bin, latest: BinLatest | undefined, area: string) {
  const trend = ctx.analytics.state(bin.id);

  return {
    ...bin,
    areaName: area,
    state: {
      fillPct: latest?.fillPct ?? null,
      quality: latest?.quality ?? null,
      lastReadingAt: iso(latest?.ts),
      batteryPct: latest?.batteryPct ?? null,
      batteryV: latest?.batteryV ?? null,
      temperatureC: latest?.temperatureC ?? null,
      tiltDeg: latest?.tiltDeg ?? null,
      ratePctPerHour: trend?.ratePctPerHour ?? null,
      predictedFullAt: iso(trend ? predictReach(trend, bin.thresholdPct) : null),
      lastEmptiedAt: iso(trend?.lastEmptiedAt),
    },
  };
}

export const binRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/bins',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['bins'],
          summary: 'Bins with their latest state',
          querystring: Type.Object({
            kecamatan: Type.Optional(Type.String({ description: 'area id, e.g. ciruas' })),
            minFill: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
            landUse: Type.Optional(Type.String()),
          }),
          response: { 200: Type.Object({ bins: Type.Array(BinWithStateSchema) }) },
        },
      },
      async (request) => {
        const { kecamatan, minFill, landUse } = request.query;
        const latest = new Map((await ctx.store.latestByBin()).map((l) => [l.binId, l]));
        const areas = new Map(ctx.registry.areas().map((a) => [a.id, a.name]));

        const bins = ctx.registry
          .bins()
          .filter((b) => !kecamatan || b.areaId === kecamatan)
          .filter((b) => !landUse || b.landUse === landUse)
          .filter((b) => minFill === undefined || (latest.get(b.id)?.fillPct ?? -1) >= minFill)
          .map((b) => binView(ctx, b, latest.get(b.id), areas.get(b.areaId) ?? b.areaId));

        return { bins };
      },
    );

    app.get(
      '/api/v1/bins/:id',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['bins'],
          summary: 'One bin with its state, devices and recent collections',
          params: Type.Object({ id: Type.String() }),
        },
      },
      async (request) => {
        const bin = ctx.registry.bin(request.params.id);
        if (!bin) throw new ApiError('NOT_FOUND', `no bin ${request.params.id}`);

        const latest = (await ctx.store.latestByBin()).find((l) => l.binId === bin.id);
        const area = ctx.registry.areas().find((a) => a.id === bin.areaId);
        const now = ctx.now();

        return {
          ...binView(ctx, bin, latest, area?.name ?? bin.areaId),
          devices: ctx.registry
            .devices()
            .filter((d) => d.binId === bin.id)
            .map(({ secretHash: _hidden, ...d }) => d),
          collections: ctx.collections.forBin(bin.id, now - 14 * 86_400_000, now + 1),
          alerts: ctx.alertRepo.list({ binId: bin.id, status: 'active', limit: 20 }),
        };
      },
    );

    app.get(
      '/api/v1/bins/:id/readings',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['bins'],
          summary: 'A bin’s readings: raw, or bucketed with `every`',
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({
            from: Type.Optional(TimeParam),
            to: Type.Optional(TimeParam),
            every: Type.Optional(DurationSchema),
          }),
          response: {
            200: Type.Object({
              binId: Type.String(),
              from: Type.String(),
              to: Type.String(),
              every: Type.Union([Type.String(), Type.Null()]),
              buckets: Type.Optional(Type.Array(BucketSchema)),
              readings: Type.Optional(
                Type.Array(
                  Type.Object({
                    ts: Type.String(),
                    fillPct: Type.Number(),
                    quality: Type.String(),
                    qualityReason: Type.Union([Type.String(), Type.Null()]),
                    distanceMm: Type.Union([Type.Number(), Type.Null()]),
                    batteryPct: Type.Union([Type.Number(), Type.Null()]),
                    batteryV: Type.Union([Type.Number(), Type.Null()]),
                    temperatureC: Type.Union([Type.Number(), Type.Null()]),
                  }),
                ),
              ),
            }),
          },
        },
      },
      async (request) => {
        const bin = ctx.registry.bin(request.params.id);
        if (!bin) throw new ApiError('NOT_FOUND', `no bin ${request.params.id}`);

        const now = ctx.now();
        const to = parseTime(request.query.to, now, 'to');
        const from = parseTime(request.query.from, to - 86_400_000, 'from');
        if (from >= to) throw new ApiError('INVALID_REQUEST', 'from must be before to');

        const base = { binId: bin.id, from: iso(from)!, to: iso(to)! };
        if (!request.query.every) {
          if (to - from > 31 * 86_400_000) {
            throw new ApiError('INVALID_REQUEST', 'raw readings span at most 31 days; use every');
          }
          const readings = await ctx.store.readings(bin.id, from, to);

          return {
            ...base,
            every: null,
            readings: readings.map((r) => ({
              ts: iso(r.ts)!,
              fillPct: r.fillPct,
              quality: r.quality,
              qualityReason: r.qualityReason,
              distanceMm: r.distanceMm,
              batteryPct: r.batteryPct,
              batteryV: r.batteryV,
              temperatureC: r.temperatureC,
            })),
          };
        }

        const everyMs = parseDurationMs(request.query.every);
        if (everyMs <= 0 || (to - from) / everyMs > MAX_BUCKETS) {
          throw new ApiError('INVALID_REQUEST', `every gives more than ${MAX_BUCKETS} buckets`);
        }
        const buckets = await ctx.store.series(bin.id, { from, to, everyMs });

        return {
          ...base,
          every: request.query.every,
          buckets: buckets.map((b) => ({ ...b, start: iso(b.start)! })),
        };
      },
    );

    app.get(
      '/api/v1/areas',
      {
        preHandler: requireRole('admin', 'office'),
        schema: { tags: ['areas'], summary: 'The kecamatan' },
      },
      async () => ({ areas: ctx.registry.areas() }),
    );

    app.get(
      '/api/v1/areas/:id/trend',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['areas'],
          summary: 'Mean fill of an area’s bins per bucket',
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({
            from: Type.Optional(TimeParam),
            to: Type.Optional(TimeParam),
            every: Type.Optional(DurationSchema),
          }),
        },
      },
      async (request) => {
        const area = ctx.registry.areas().find((a) => a.id === request.params.id);
        if (!area) throw new ApiError('NOT_FOUND', `no area ${request.params.id}`);

        const now = ctx.now();
        const to = parseTime(request.query.to, now, 'to');
        const from = parseTime(request.query.from, to - 7 * 86_400_000, 'from');
        const every = request.query.every ?? '1h';
        const everyMs = parseDurationMs(every);
        if (from >= to || everyMs <= 0 || (to - from) / everyMs > MAX_BUCKETS) {
          throw new ApiError('INVALID_REQUEST', 'need from < to and at most 5000 buckets');
        }

        const buckets = await ctx.store.areaSeries(area.id, { from, to, everyMs });

        return {
          areaId: area.id,
          name: area.name,
          every,
          buckets: buckets.map((b) => ({ ...b, start: iso(b.start) })),
        };
      },
    );
  };
