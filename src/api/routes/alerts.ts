import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import { AlertSchema } from '../schemas.js';

export const alertRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/alerts',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['alerts'],
          summary: 'Alerts, newest first; status=open lists unacknowledged ones',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([
                Type.Literal('open'),
                Type.Literal('acknowledged'),
                Type.Literal('resolved'),
                Type.Literal('active'),
              ]),
            ),
            binId: Type.Optional(Type.String()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, default: 200 })),
          }),
          response: { 200: Type.Object({ alerts: Type.Array(AlertSchema) }) },
        },
      },
      async (request) => {
        const { status, binId, limit } = request.query;

        return {
          alerts: ctx.alertRepo.list({
            ...(status ? { status } : {}),
            ...(binId ? { binId } : {}),
            limit: limit ?? 200,
          }),
        };
      },
    );

    app.post(
      '/api/v1/alerts/:id/ack',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['alerts'],
          summary: 'Acknowledge an open alert',
          params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
          response: { 200: AlertSchema },
        },
      },
      async (request) => {
        const existing = ctx.alertRepo.get(request.params.id);
        if (!existing) throw new ApiError('NOT_FOUND', `no alert ${request.params.id}`);

        const alert = ctx.alerts.acknowledge(
          existing.id,
          request.principal?.label ?? 'unknown',
          ctx.now(),
        );
        if (!alert) throw new ApiError('CONFLICT', `alert ${existing.id} is ${existing.status}`);

        return alert;
      },
    );
  };
