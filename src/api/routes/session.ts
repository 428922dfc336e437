import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { Nullable } from '../schemas.js';

/** Who a token belongs to: the web pages use it to sign in and to find a crew's own list. */
export const sessionRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/me',
      {
        preHandler: requireRole('admin', 'office', 'crew'),
        schema: {
          tags: ['system'],
          summary: 'The role, label and crew of the calling token',
          response: {
            200: Type.Object({
              role: Type.String(),
              label: Type.String(),
              crewId: Nullable(Type.String()),
              crewName: Nullable(Type.String()),
              vehicleId: Nullable(Type.String()),
            }),
          },
        },
      },
      async (request) => {
        const { role, label, crewId } = request.principal!;
        const crew = crewId ? ctx.registry.crew(crewId) : null;

        return {
          role,
          label,
          crewId,
          crewName: crew?.name ?? null,
          vehicleId: crew?.vehicleId ?? null,
        };
      },
    );
  };
