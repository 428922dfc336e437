import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { TOKEN_USERNAME } from '../../broker/authenticator.js';
import { lorawanModelProblem } from '../../lorawan-ingest/model-check.js';
import { hashSecret, newDeviceSecret } from '../../registry/device-secret.js';
import { requireRole } from '../auth.js';
import type { ApiContext } from '../context.js';
import { ApiError } from '../errors.js';

export const deviceRoutes =
  (ctx: ApiContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/devices',
      {
        preHandler: requireRole('admin'),
        schema: {
          tags: ['devices'],
          summary:
            'Provision a device on a bin; the MQTT secret is returned once, never again. ' +
            'A LoRaWAN sensor gets its devEui and a model our codecs or mappings decode.',
          body: Type.Object(
            {
              id: Type.String({ pattern: '^[A-Za-z0-9._:-]{1,64}$' }),
              binId: Type.String(),
              model: Type.String({ minLength: 1, default: 'pesan-native' }),
              devEui: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{16}$' })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              id: Type.String(),
              binId: Type.String(),
              model: Type.String(),
              devEui: Type.Union([Type.String(), Type.Null()]),
              secret: Type.String(),
              mqtt: Type.Object({ username: Type.String(), telemetryTopic: Type.String() }),
            }),
          },
        },
      },
      async (request, reply) => {
        const { id, binId, model, devEui } = request.body;
        if (!ctx.registry.bin(binId)) throw new ApiError('NOT_FOUND', `no bin ${binId}`);
        // The broker reads this username as an API-token login, so such a device could never
        // connect.
        if (id === TOKEN_USERNAME) {
          throw new ApiError('INVALID_REQUEST', `"${id}" is reserved for MQTT token logins`);
        }
        if (ctx.registry.device(id)) throw new ApiError('CONFLICT', `device ${id} exists`);
        const eui = devEui?.toLowerCase() ?? null;
        if (eui !== null) {
          const holder = ctx.registry.deviceByDevEui(eui);
          if (holder) throw new ApiError('CONFLICT', `DevEUI ${eui} belongs to ${holder.id}`);
          const problem = lorawanModelProblem(model, ctx.config.lorawan.objectMappings);
          if (problem !== null) throw new ApiError('INVALID_REQUEST', problem);
        }

        const secret = newDeviceSecret();
        ctx.registry.upsertDevice({
          id,
          binId,
          model,
          secretHash: hashSecret(secret),
          enabled: true,
          devEui: eui,
        });
        ctx.directory.reload();
        request.log.info({ deviceId: id, binId, devEui: eui }, 'device provisioned');
        reply.code(201);

        return {
          id,
          binId,
          model,
          devEui: eui,
          secret,
          mqtt: { username: id, telemetryTopic: `pesanibu/v1/devices/${id}/telemetry` },
        };
      },
    );

    app.patch(
      '/api/v1/vehicles/:id',
      {
        preHandler: requireRole('admin'),
        schema: {
          tags: ['crews'],
          summary: 'Mark a vehicle available or not (the next plan leaves it out)',
          params: Type.Object({ id: Type.String() }),
          body: Type.Object({ available: Type.Boolean() }, { additionalProperties: false }),
        },
      },
      async (request) => {
        if (!ctx.registry.setVehicleAvailable(request.params.id, request.body.available)) {
          throw new ApiError('NOT_FOUND', `no vehicle ${request.params.id}`);
        }

        return ctx.registry.vehicles().find((v) => v.id === request.params.id);
      },
    );

    app.get(
      '/api/v1/quarantine',
      {
        preHandler: requireRole('admin', 'office'),
        schema: {
          tags: ['devices'],
          summary: 'Refused inputs with reasons and raw bytes (base64), newest first',
          querystring: Type.Object({
            deviceId: Type.Optional(Type.String()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000, default: 100 })),
          }),
        },
      },
      async (request) => ({
        counts: ctx.quarantine.countByCode(),
        entries: ctx.quarantine.recent(request.query.limit ?? 100, request.query.deviceId),
      }),
    );
  };
