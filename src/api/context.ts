import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AlertRepo } from '../alerts/alert-repo.js';
import type { AlertService } from '../alerts/alert-service.js';
import type { CollectionRepo } from '../analytics/collection-repo.js';
import type { FleetAnalytics } from '../analytics/fleet-analytics.js';
import type { MqttBroker } from '../broker/mqtt-broker.js';
import type { Config } from '../config/schema.js';
import type { DeviceDirectory } from '../ingest/device-directory.js';
import type { IngestService } from '../ingest/ingest-service.js';
import type { QuarantineRepo } from '../ingest/quarantine-repo.js';
import type { RegistryRepo } from '../registry/registry-repo.js';
import type { PlanRepo } from '../routing/plan-repo.js';
import type { PlanService } from '../routing/plan-service.js';
import type { EventBus } from '../shared/event-bus.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';
import type { Upstreams } from '../upstream/upstreams.js';
import type { TokenRepo } from './tokens.js';

/** Everything the HTTP routes call into; built once by the composition root. */
export interface ApiContext {
  config: Config;
  logger: Logger;
  metrics: Registry;
  registry: RegistryRepo;
  directory: DeviceDirectory;
  store: TelemetryStore;
  ingest: IngestService;
  quarantine: QuarantineRepo;
  analytics: FleetAnalytics;
  alerts: AlertService;
  alertRepo: AlertRepo;
  collections: CollectionRepo;
  planner: PlanService;
  plans: PlanRepo;
  tokens: TokenRepo;
  bus: EventBus;
  broker: MqttBroker | null;
  upstreams: Upstreams;
  now: () => number;
}
