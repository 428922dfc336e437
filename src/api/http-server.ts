import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { createWebSocketStream } from 'ws';
import { authenticate } from './auth.js';
import type { ApiContext } from './context.js';
import { ApiError } from './errors.js';
import { alertRoutes } from './routes/alerts.js';
import { binImportRoutes } from './routes/bin-import.js';
import { binRoutes } from './routes/bins.js';
import { collectionRoutes } from './routes/collections.js';
import { deviceRoutes } from './routes/devices.js';
import { planRoutes } from './routes/plans.js';
import { sessionRoutes } from './routes/session.js';
import { systemRoutes } from './routes/system.js';

/** Extra route plugins (the web dashboard) registered by the composition root. */
export type HttpPlugin = (app: FastifyInstance) => Promise<void>;

/**
 * Builds the HTTP server (API, OpenAPI at /docs, MQTT over WebSocket) without listening, so
 * tests can `inject()` or listen on port 0.
 */
export async function buildHttpServer(
  ctx: ApiContext,
  plugins: HttpPlugin[] = [],
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: ctx.config.http.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: true }),
    // Stop must not wait for idle keep-alive sockets or live event streams.
    forceCloseConnections: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('principal', null);
  app.addHook('onRequest', authenticate(ctx.tokens));
  app.addHook('onResponse', async (request, reply) => {
    // One line per request at debug; failures at info so they are seen without noise.
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'info' : 'debug';
    request.log[level](
      { method: request.method, url: request.url.split('?')[0], status: reply.statusCode },
      'request',
    );
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.status).send({
        error: { code: error.code, message: error.message, details: error.details },
      });
    }
    if (error.validation) {
      return reply.code(400).send({
        error: {
          code: 'INVALID_REQUEST',
          message: error.message,
          details: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
        },
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Some routes (registry and CSV imports) take more than the default.
      const limit = request.routeOptions.bodyLimit ?? ctx.config.http.bodyLimitBytes;

      return reply.code(413).send({
        error: { code: 'BODY_TOO_LARGE', message: `body exceeds ${limit} bytes` },
      });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: { code: 'INVALID_REQUEST', message: error.message } });
    }

    request.log.error({ err: error }, 'request failed');

    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}` } }),
  );

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pesan Ibu API',
        version: '1',
        description: 'Waste-collection telemetry for Kabupaten Serang',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(websocket);
  const broker = ctx.broker;
  if (broker) {
    app.get(ctx.config.mqtt.wsPath, { websocket: true, schema: { hide: true } }, (socket, req) => {
      broker.aedes.handle(createWebSocketStream(socket), req.raw);
    });
  }

  for (const routes of [systemRoutes, binRoutes, alertRoutes, planRoutes, collectionRoutes]) {
    await app.register(routes(ctx));
  }
  await app.register(deviceRoutes(ctx));
  await app.register(sessionRoutes(ctx));
  await app.register(binImportRoutes(ctx));
  for (const plugin of plugins) await app.register(plugin);

  return app as unknown as FastifyInstance;
}
