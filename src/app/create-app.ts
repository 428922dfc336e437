import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { AlertRepo } from '../alerts/alert-repo.js';
import { AlertService } from '../alerts/alert-service.js';
import { CollectionRepo } from '../analytics/collection-repo.js';
import { FleetAnalytics } from '../analytics/fleet-analytics.js';
import type { ApiContext } from '../api/context.js';
import { buildHttpServer, type HttpPlugin } from '../api/http-server.js';
import { TokenRepo } from '../api/tokens.js';
import { Authenticator } from '../broker/authenticator.js';
import { integrationAccounts } from '../broker/integration-accounts.js';
import { MqttBroker } from '../broker/mqtt-broker.js';
import { topics } from '../broker/topics.js';
import type { Config } from '../config/schema.js';
import { type Db, openDatabase } from '../db/open-database.js';
import { DeviceDirectory } from '../ingest/device-directory.js';
import { parseDeviceStatus } from '../ingest/device-status.js';
import { IngestService } from '../ingest/ingest-service.js';
import { QualityStage } from '../ingest/quality-stage.js';
import { QuarantineRepo } from '../ingest/quarantine-repo.js';
import { LoraIngest } from '../lorawan-ingest/lora-ingest.js';
import { RegistryRepo } from '../registry/registry-repo.js';
import { configuredDistances } from '../routing/distance/configured-provider.js';
import { PlanRepo } from '../routing/plan-repo.js';
import { PlanService } from '../routing/plan-service.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { EventBus } from '../shared/event-bus.js';
import { recordEventPoints } from '../storage/influx/event-points.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import type { UplinkHandler } from '../upstream/upstream-client.js';
import { Upstreams } from '../upstream/upstreams.js';
import { webPlugin } from '../web/web-plugin.js';
import { resolveAdminToken } from './admin-token.js';
import { openTelemetryStore } from './open-store.js';
import { spoolCondition } from './spool-alert.js';
import { warmUp } from './warm-up.js';

export interface AppOptions {
  logger?: Logger;
  /** Start the cron jobs (tests and one-shot commands leave them off). */
  scheduler?: boolean;
  /** Extra HTTP plugins; default: the web dashboard and crew page. */
  httpPlugins?: HttpPlugin[];
  now?: () => number;
}

export interface App {
  config: Config;
  context: ApiContext;
  http: FastifyInstance;
  broker: MqttBroker;
  upstreams: Upstreams;
  scheduler: Scheduler;
  adminToken: string;
  db: Db;
  /** Listens for MQTT (TCP) and HTTP; returns the bound ports (useful with port 0). */
  listen(): Promise<{ httpPort: number; mqttPort: number }>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every part in dependency order. `stop()` takes them down in
 * reverse: stop accepting input first, then flush what was accepted, then close storage.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? pino({ level: config.log.level, base: { app: 'pesan' } });
  const now = options.now ?? Date.now;
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const bus = new EventBus(logger);

  const db = openDatabase(join(config.dataDir, 'pesan.db'));
  const registry = new RegistryRepo(db);
  const adminToken = resolveAdminToken(config.adminToken, config.dataDir);
  const tokens = new TokenRepo(db, adminToken);
  const directory = new DeviceDirectory(registry);
  // Spool events can arrive while the app is still being built: alerts start listening once
  // they exist, and a spool that is still near its bound then says so again.
  let spoolAlerts: AlertService | null = null;
  const store: TelemetryStore = await openTelemetryStore(config, {
    logger: logger.child({ component: 'store' }),
    metrics,
    binInfo: (binId) => {
      const bin = directory.bins().get(binId);

      return bin && { landUse: bin.landUse, binKind: bin.kind, lat: bin.lat, lon: bin.lon };
    },
    onInfluxEvent: (event, influx) => {
      const condition = spoolCondition(event, influx.spoolStats());
      if (condition) spoolAlerts?.system(condition, now());
    },
  });

  // Alert changes and collections go to InfluxDB too, for the office's Grafana dashboards.
  const stopEventPoints = recordEventPoints({
    store,
    bus,
    areaOf: (binId) => directory.bins().get(binId)?.areaId,
    logger: logger.child({ component: 'store' }),
  });

  const quarantine = new QuarantineRepo(db);
  const quality = new QualityStage({}, config.alerts.lowBatteryV ?? null);
  await warmUp('quality gate', logger, () => quality.warmUp(store, registry.bins(), now()));
  const ingest = new IngestService({
    directory,
    store,
    quarantine,
    quality,
    options: config.ingest,
    logger: logger.child({ component: 'ingest' }),
    metrics,
    now,
  });

  const collections = new CollectionRepo(db);
  const analytics = new FleetAnalytics({ collections, bus, logger });
  await warmUp('fill trends', logger, () => analytics.warmUp(store, registry.bins(), now()));

  const alertRepo = new AlertRepo(db);
  const alerts = new AlertService({
    repo: alertRepo,
    analytics,
    bins: () => directory.bins(),
    thresholds: config.alerts,
    bus,
    logger: logger.child({ component: 'alerts' }),
    startedAt: now(),
  });
  spoolAlerts = alerts;
  ingest.onStored((readings) => {
    analytics.onReadings(readings);
    alerts.onReadings(readings);
    bus.emit('readings', readings);
  });

  const lora = new LoraIngest({
    ingest,
    directory,
    objectMappings: config.lorawan.objectMappings,
    limits: config.ingest,
    metrics,
    now,
  });
  const handleUplink: UplinkHandler = (server, topic, payload, via) =>
    lora.handle(server, topic, payload, via);
  const upstreams = new Upstreams(config.lorawan.upstreams, handleUplink, {
    logger: logger.child({ component: 'upstream' }),
    metrics,
    now,
  });

  const broker = await MqttBroker.create({
    authenticator: new Authenticator({
      findDevice: (id) => directory.get(id)?.device ?? null,
      allowAnonymous: config.mqtt.allowAnonymous,
      integrations: integrationAccounts(config.lorawan.integrations),
      resolveToken: (token) => tokens.resolve(token),
    }),
    logger: logger.child({ component: 'mqtt' }),
    metrics,
    now,
  });
  broker.addRoute({
    name: 'native-telemetry',
    matches: (identity, topic) =>
      identity.kind === 'device' && topic === topics.device(identity.deviceId, 'telemetry'),
    handle: async (identity, topic, payload) => {
      if (identity.kind !== 'device') return 'handled';
      const outcome = await ingest.ingestNative(identity.deviceId, topic, payload);

      return outcome.status === 'rejected' ? 'refused' : 'handled';
    },
  });
  // Status messages, the last will included: aedes passes a will through authorizePublish
  // (so through this route) when the device drops, under the device's own identity.
  broker.addRoute({
    name: 'device-status',
    matches: (identity, topic) =>
      identity.kind === 'device' && topic === topics.device(identity.deviceId, 'status'),
    handle: async (identity, topic, payload) => {
      if (identity.kind !== 'device') return 'handled';
      const parsed = parseDeviceStatus(payload);
      if (!parsed.ok) {
        await ingest.refuse(parsed, identity.deviceId, topic, payload, 'mqtt');

        return 'refused';
      }
      logger.debug({ deviceId: identity.deviceId, status: parsed.status }, 'device status');

      return 'handled';
    },
  });
  // The ACL has already held the account to its uplink topics.
  broker.addRoute({
    name: 'lorawan-uplink',
    matches: (identity) => identity.kind === 'integration',
    handle: async (identity, topic, payload) => {
      if (identity.kind !== 'integration') return 'handled';
      await handleUplink(identity.server, topic, payload, identity.name);

      return 'handled';
    },
  });
  bus.on('alert', (change) => {
    const { alert } = change;
    broker
      .publish(
        topics.alert(alert.binId, alert.kind),
        JSON.stringify({ ...alert, change: change.type }),
        {
          retain: true,
        },
      )
      .catch((error: Error) => logger.warn({ err: error.message }, 'alert publish failed'));
  });

  const plans = new PlanRepo(db);
  const planner = new PlanService({
    registry,
    store,
    analytics,
    plans,
    bus,
    logger: logger.child({ component: 'planner' }),
    publishPickups: (list) =>
      broker.publish(topics.crewPickups(list.crewId), JSON.stringify(list), { retain: true }),
    distances: configuredDistances(config.routing, logger.child({ component: 'distances' })),
    collections,
    options: config.routing,
  });
  const scheduler = new Scheduler({
    db,
    logger: logger.child({ component: 'scheduler' }),
    alerts,
    planner,
    plans,
    options: config.schedule,
    now,
  });

  const context: ApiContext = {
    config,
    logger,
    metrics,
    registry,
    directory,
    store,
    ingest,
    quarantine,
    analytics,
    alerts,
    alertRepo,
    collections,
    planner,
    plans,
    tokens,
    bus,
    broker,
    upstreams,
    now,
  };
  const http = await buildHttpServer(context, options.httpPlugins ?? [webPlugin(context)]);

  let listening = false;

  return {
    config,
    context,
    http,
    broker,
    upstreams,
    scheduler,
    adminToken,
    db,
    async listen() {
      const mqttPort = await broker.listen(config.mqtt.port, config.mqtt.host);
      await http.listen({ port: config.http.port, host: config.http.host });
      const address = http.server.address();
      const httpPort = typeof address === 'object' && address ? address.port : config.http.port;
      listening = true;
      upstreams.start();
      if (options.scheduler) await scheduler.start();
      logger.info({ httpPort, mqttPort, store: store.kind }, 'pesan ibu started');

      return { httpPort, mqttPort };
    },
    async stop() {
      await scheduler.stop();
      if (listening) await http.close();
      await upstreams.stop();
      await broker.close();
      await ingest.flush();
      stopEventPoints();
      await store.close();
      db.close();
      logger.info('pesan ibu stopped');
    },
  };
}
