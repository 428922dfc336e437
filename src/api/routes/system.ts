import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseSnapshot, SnapshotError } from '../../registry/snapshot-schema.js';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';

const UpstreamSchema = Type.Object({
  name: Type.String(),
  kind: Type.String(),
  url: Type.String(),
  state: Type.String(),
  subscribed: Type.Boolean(),
  since: Type.Number(),
  connects: Type.Number(),
  lastError: Type.Union([Type.String(), Type.Null()]),
});

const HealthSchema = Type.Object({
  status: Type.String(),
  store: Type.Object({ kind: Type.String(), state: Type.String() }, { additionalProperties: true }),
  upstreams: Type.Array(UpstreamSchema),
  devices: Type.Number(),
  uptimeS: Type.Number(),
});

const REGISTRY_BODY_LIMIT_BYTES = 20_000_000;

export const systemRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness and readiness (no token); upstream broker connections included',
          response: { 200: HealthSchema, 503: HealthSchema },
        },
      },
      async (_request, reply) => {
        const health = await ctx.store.health();
        if (health.state === 'down') reply.code(503);
        // A lost upstream degrades the service but the API and our broker still work.
        const upstreamsUp = ctx.upstreams.allUp();
        const status = health.state === 'ok' && !upstreamsUp ? 'degraded' : health.state;

        return {
          status,
          store: { kind: ctx.store.kind, ...health },
          upstreams: ctx.upstreams.statuses(),
          devices: ctx.directory.size,
          uptimeS: Math.round(process.uptime()),
        };
      },
    );

    app.get(
      '/metrics',
      { schema: { tags: ['system'], summary: 'Prometheus metrics' } },
      async (_r, reply) => {
        reply.header('content-type', ctx.metrics.contentType);

        return ctx.metrics.metrics();
      },
    );

    app.get(
      '/api/v1/registry',
      {
        preHandler: requireRole('admin'),
        schema: { tags: ['system'], summary: 'Export the registry as one JSON document' },
      },
      async () => ctx.registry.exportSnapshot(),
    );

    app.post(
      '/api/v1/registry',
      {
        preHandler: requireRole('admin'),
        // A whole regency's registry (2,000+ bins with their devices and sites) is a few MB;
        // this admin-only route takes up to REGISTRY_BODY_LIMIT_BYTES, every other the default.
        bodyLimit: REGISTRY_BODY_LIMIT_BYTES,
        schema: {
          tags: ['system'],
          summary: 'Import a registry document (merge); every problem is listed',
          body: Type.Object({}, { additionalProperties: true }),
        },
      },
      async (request) => {
        try {
          const snapshot = parseSnapshot(request.body, ctx.registry.exportSnapshot());
          ctx.registry.importSnapshot(snapshot, 'merge');
        } catch (error) {
          if (error instanceof SnapshotError) {
            throw new ApiError('INVALID_REQUEST', 'registry document rejected', error.problems);
          }
          throw error;
        }
        ctx.directory.reload();

        return { imported: true, ...counts(ctx) };
      },
    );

    app.post(
      '/api/v1/tokens',
      {
        preHandler: requireRole('admin'),
        schema: {
          tags: ['system'],
          summary: 'Issue a token (office or crew); returned once',
          body: Type.Object(
            {
              role: Type.Union([Type.Literal('office'), Type.Literal('crew')]),
              label: Type.String({ minLength: 1 }),
              crewId: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const { role, label, crewId } = request.body;
        if (role === 'crew' && (!crewId || !ctx.registry.crew(crewId))) {
          throw new ApiError('INVALID_REQUEST', 'a crew token needs the id of an existing crew');
        }
        reply.code(201);

        return {
          role,
          label,
          crewId: crewId ?? null,
          token: ctx.tokens.create(role, label, crewId),
        };
      },
    );

    app.get(
      '/api/v1/events',
      {
        preHandler: requireRole('admin', 'office'),
        schema: { tags: ['system'], summary: 'Live updates as server-sent events' },
      },
      (request, reply) => {
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        });
        const send = (event: string, data: unknown) =>
          reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        send('hello', { at: new Date(ctx.now()).toISOString() });

        const offs = [
          ctx.bus.on('alert', (change) => send('alert', change)),
          ctx.bus.on('plan', (plan) => send('plan', plan)),
          ctx.bus.on('collection', (c) => send('collection', c)),
          ctx.bus.on('readings', (readings) =>
            send(
              'readings',
              readings.map((r) => ({
                binId: r.binId,
                fillPct: r.fillPct,
                ts: r.ts,
                quality: r.quality,
              })),
            ),
          ),
        ];
        const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 25_000);
        request.raw.on('close', () => {
          clearInterval(keepAlive);
          for (const off of offs) off();
        });
      },
    );
  };

function counts(ctx: ApiContext) {
  const s = ctx.registry.exportSnapshot();

  return { bins: s.bins.length, devices: s.devices.length, vehicles: s.vehicles.length };
}
