import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { assertCrewAccess, requireRole } from '../auth.js';
import { NOT_COLLECTED_REASONS } from '../confirmed-pickups.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';

export const collectionRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/collections',
      {
        preHandler: requireRole('admin', 'crew'),
        schema: {
          tags: ['crews'],
          summary: 'A crew confirms a pickup (collected, or not collected with a reason)',
          description:
            '`clientRef` is the phone’s own id for the confirmation: sending it again (an ' +
            'offline queue replaying) returns the first record with 200 instead of 201.',
          body: Type.Object(
            {
              crewId: Type.String(),
              binId: Type.String(),
              status: Type.Union([Type.Literal('collected'), Type.Literal('not-collected')]),
              reason: Type.Optional(Type.Union(NOT_COLLECTED_REASONS.map((r) => Type.Literal(r)))),
              note: Type.Optional(Type.String({ maxLength: 500 })),
              at: Type.Optional(Type.String({ format: 'date-time' })),
              clientRef: Type.String({ minLength: 8, maxLength: 100 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        const body = request.body;
        assertCrewAccess(request, body.crewId);
        if (!ctx.registry.crew(body.crewId)) {
          throw new ApiError('NOT_FOUND', `no crew ${body.crewId}`);
        }
        if (!ctx.registry.bin(body.binId)) throw new ApiError('NOT_FOUND', `no bin ${body.binId}`);
        if (body.status === 'not-collected' && !body.reason) {
          throw new ApiError('INVALID_REQUEST', 'a not-collected confirmation needs a reason');
        }

        const now = ctx.now();
        const at = body.at ? Date.parse(body.at) : now;
        if (at > now + 5 * 60_000) {
          throw new ApiError('INVALID_REQUEST', 'at is in the future (phone clock wrong?)');
        }

        const reason = [body.reason, body.note].filter(Boolean).join(': ') || null;
        const { collection, created } = ctx.collections.add({
          binId: body.binId,
          ts: at,
          source: 'crew',
          status: body.status,
          reason,
          crewId: body.crewId,
          fillBeforePct: null,
          clientRef: `${body.crewId}:${body.clientRef}`,
          recordedAt: now,
        });
        if (created) {
          ctx.bus.emit('collection', {
            binId: body.binId,
            status: body.status,
            record: collection,
          });
        }
        reply.code(created ? 201 : 200);

        return collection;
      },
    );
  };
