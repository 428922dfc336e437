import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { type PickupList, pickupListCsv } from '../../routing/crew-pickups.js';
import { pickupSheetHtml } from '../../routing/pickup-sheet.js';
import { isIsoDate, wibDate } from '../../shared/wib.js';
import { assertCrewAccess, requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';
import { withConfirmations } from '../stop-confirmations.js';

const DateParam = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'WIB date' });

function checkDate(date: string): string {
  if (!isIsoDate(date)) throw new ApiError('INVALID_REQUEST', `"${date}" is not a calendar date`);

  return date;
}

export const planRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/plans',
      {
        preHandler: requireRole('admin', 'office'),
        // Every field is optional, so a bare POST (no body, as `curl -X POST` sends) plans today;
        // Fastify would otherwise validate the missing body against the object schema.
        preValidation: async (request) => {
          request.body ??= {};
        },
        schema: {
          tags: ['plans'],
          summary: 'Plan a day now (default today, WIB)',
          body: Type.Optional(
            Type.Object(
              {
                date: Type.Optional(DateParam),
                blockedFacilityIds: Type.Optional(
                  Type.Array(Type.String(), {
                    description: 'disposal sites refusing waste today (landslide, strike, ...)',
                  }),
                ),
                deliveredTonnes: Type.Optional(
                  Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 10_000 }), {
                    description: 'tonnes already delivered today per facility id (re-planning)',
                  }),
                ),
              },
              { additionalProperties: false },
            ),
          ),
        },
      },
      async (request, reply) => {
        const date = checkDate(request.body?.date ?? wibDate(ctx.now()));
        const blockedFacilityIds = request.body?.blockedFacilityIds ?? [];
        const deliveredTonnes = request.body?.deliveredTonnes ?? {};
        const known = new Set(ctx.registry.facilities().map((f) => f.id));
        const unknown = [...blockedFacilityIds, ...Object.keys(deliveredTonnes)].filter(
          (id) => !known.has(id),
        );
        if (unknown.length > 0) {
          throw new ApiError('INVALID_REQUEST', `unknown facility id(s): ${unknown.join(', ')}`);
        }

        const stored = await ctx.planner.plan(date, 'api', ctx.now(), {
          blockedFacilityIds,
          deliveredTonnes,
        });
        reply.code(201);

        return stored;
      },
    );

    app.get(
      '/api/v1/plans/:date',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['plans'],
          summary: 'The plan of a date',
          params: Type.Object({ date: DateParam }),
        },
      },
      async (request) => {
        const stored = ctx.plans.get(checkDate(request.params.date));
        if (!stored) throw new ApiError('NOT_FOUND', `no plan for ${request.params.date}`);

        return stored;
      },
    );

    app.get(
      '/api/v1/crews',
      {
        preHandler: requireRole('admin', 'office'),
        schema: { tags: ['crews'], summary: 'Crews and their vehicles' },
      },
      async () => ({ crews: ctx.registry.crews(), vehicles: ctx.registry.vehicles() }),
    );

    app.get(
      '/api/v1/crews/:id/pickups',
      {
        preHandler: requireRole('admin', 'office', 'crew'),
        schema: {
          tags: ['crews'],
          summary: 'A crew’s ordered pickup list (JSON, or CSV with Accept: text/csv)',
          description:
            'In JSON a pickup already confirmed that day (by any phone) carries `confirmation`: ' +
            'the latest one for its bin, `{ status, reason, note, at, crewId }`. The CSV ' +
            'columns are unchanged.',
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({ date: Type.Optional(DateParam) }),
        },
      },
      async (request, reply) => {
        assertCrewAccess(request, request.params.id);
        if (!ctx.registry.crew(request.params.id)) {
          throw new ApiError('NOT_FOUND', `no crew ${request.params.id}`);
        }

        const date = checkDate(request.query.date ?? wibDate(ctx.now()));
        const list = pickupListOrEmpty(ctx, request.params.id, date);

        if ((request.headers.accept ?? '').includes('text/csv')) {
          reply.header('content-type', 'text/csv; charset=utf-8');
          reply.header(
            'content-disposition',
            `attachment; filename="pickups-${list.crewId}-${date}.csv"`,
          );

          return pickupListCsv(list);
        }

        return withConfirmations(list, ctx.collections);
      },
    );

    app.get(
      '/api/v1/crews/:id/pickups/print',
      {
        preHandler: requireRole('admin', 'office', 'crew'),
        schema: {
          tags: ['crews'],
          summary: 'A crew’s pickup list as a printable A4 page (Bahasa Indonesia, HTML)',
          description: 'Open in a browser with `?token=` and print; one table per trip.',
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({
            date: Type.Optional(DateParam),
            token: Type.Optional(Type.String()),
          }),
        },
      },
      async (request, reply) => {
        assertCrewAccess(request, request.params.id);
        const crew = ctx.registry.crew(request.params.id);
        if (!crew) throw new ApiError('NOT_FOUND', `no crew ${request.params.id}`);

        const date = checkDate(request.query.date ?? wibDate(ctx.now()));
        const list = pickupListOrEmpty(ctx, crew.id, date);
        const facilities = new Map(ctx.registry.facilities().map((f) => [f.id, f.name]));
        reply.header('content-type', 'text/html; charset=utf-8');

        return pickupSheetHtml({
          list,
          crew,
          vehicle: ctx.registry.vehicles().find((v) => v.id === list.vehicleId) ?? null,
          plan: ctx.plans.get(date)?.plan.vehicles.find((v) => v.crewId === crew.id) ?? null,
          facilityName: (id) => facilities.get(id) ?? id,
        });
      },
    );
  };

/** The crew's list for a date; an empty one when the day has no plan (yet). */
function pickupListOrEmpty(ctx: ApiContext, crewId: string, date: string): PickupList {
  return (
    ctx.planner.pickupList(crewId, date) ?? {
      date,
      crewId,
      vehicleId: ctx.registry.crew(crewId)!.vehicleId,
      stops: [],
    }
  );
}
