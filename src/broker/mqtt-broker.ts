import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import { LogThrottle } from '../shared/log-throttle.js';
import {
  type AccessDecision,
  canPublish,
  canSubscribe,
  type MqttIdentity,
} from './access-control.js';
import type { Authenticator } from './authenticator.js';

/**
 * A handler for inbound publishes on some topics (native telemetry, LoRaWAN uplinks). Its
 * promise settles once the message is durably handled; only then does the broker send the
 * QoS 1 PUBACK, because aedes acknowledges right after `authorizePublish` calls back.
 */
/** `refused`: the route quarantined the payload; the broker then does not retain it. */
export type RouteVerdict = 'handled' | 'refused';

export interface InboundRoute {
  name: string;
  matches(identity: MqttIdentity, topic: string): boolean;
  handle(identity: MqttIdentity, topic: string, payload: Buffer): Promise<RouteVerdict>;
}

export interface MqttBrokerDeps {
  authenticator: Authenticator;
  logger: Logger;
  metrics: Registry;
  now?: () => number;
}

// CONNACK return codes of MQTT 3.1.1 (section 3.2.2.3).
const BAD_USERNAME_OR_PASSWORD = 4;
const IDENTIFIER_REJECTED = 2;
const NOT_AUTHORIZED = 5;

const NOT_AUTHENTICATED = { ok: false as const, reason: 'not authenticated' };

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/** The embedded Aedes broker: authentication, topic ACL, inbound routes, TCP listener. */
export class MqttBroker {
  readonly aedes: Aedes;
  private readonly identities = new WeakMap<Client, MqttIdentity>();
  private readonly routes: InboundRoute[] = [];
  private server: Server | null = null;
  private readonly denied: Counter<'action' | 'reason'>;
  /** Refused CONNECTs are logged at most once a minute per client id (devices retry fast). */
  private readonly connectLogs = new LogThrottle(60_000);
  private readonly now: () => number;

  private constructor(
    aedes: Aedes,
    private readonly deps: MqttBrokerDeps,
  ) {
    this.aedes = aedes;
    this.now = deps.now ?? Date.now;
    this.denied = new Counter({
      name: 'pesan_mqtt_denied_total',
      help: 'MQTT connects, publishes and subscribes refused, by action and reason',
      labelNames: ['action', 'reason'],
      registers: [deps.metrics],
    });
    const connected = new Gauge({
      name: 'pesan_mqtt_clients',
      help: 'Connected MQTT clients',
      registers: [deps.metrics],
    });
    aedes.on('clientReady', (client) => {
      connected.inc();
      deps.logger.debug({ clientId: client.id }, 'mqtt client connected');
    });
    aedes.on('clientDisconnect', (client) => {
      connected.dec();
      deps.logger.debug({ clientId: client.id }, 'mqtt client disconnected');
    });
    aedes.on('clientError', (client, error) => {
      deps.logger.debug({ clientId: client.id, err: error.message }, 'mqtt client error');
    });
  }

  static async create(deps: MqttBrokerDeps): Promise<MqttBroker> {
    let self: MqttBroker | null = null;
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        self!.authenticate(client, username, password).then(
          (error) => done(error, error === null),
          (error: Error) => done(authError(error.message, NOT_AUTHORIZED), false),
        );
      },
      authorizePublish: (client, packet, done) => self!.authorizePublish(client, packet, done),
      authorizeSubscribe: (client, subscription, done) => {
        const decision = self!.decide(client, (id) => canSubscribe(id, subscription.topic));
        if (decision.ok) done(null, subscription);
        else {
          self!.refused(client, 'subscribe', decision, subscription.topic);
          // A null subscription makes aedes answer SUBACK 0x80 (failure) and keep the
          // connection, so a misconfigured device learns why without a reconnect loop.
          done(null, null);
        }
      },
    });
    self = new MqttBroker(aedes, deps);

    return self;
  }

  addRoute(route: InboundRoute): void {
    this.routes.push(route);
  }

  /** Listens for MQTT over TCP; resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number> {
    const server = createServer((socket) => this.aedes.handle(socket));
    this.server = server;

    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  publish(topic: string, payload: string | Buffer, options: { retain?: boolean } = {}) {
    return new Promise<void>((resolve, reject) => {
      const packet: PublishPacket = {
        cmd: 'publish',
        topic,
        payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
        qos: 1,
        retain: options.retain ?? false,
        dup: false,
      };
      this.aedes.publish(packet, (error) => (error ? reject(error) : resolve()));
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    // net.Server#close stops accepting at once but calls back only when every connection has
    // ended, and only aedes.close ends them: waiting first hung `pesan serve` on SIGTERM for
    // as long as any device stayed connected.
    const closed = server
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
    await closed;
  }

  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<AuthenticateError | null> {
    const outcome = await this.deps.authenticator.check({
      clientId: client.id,
      username,
      password,
    });
    if (outcome.ok) {
      this.identities.set(client, outcome.identity);

      return null;
    }

    this.denied.inc({ action: 'connect', reason: outcome.cause });
    const suppressed = this.connectLogs.admit(client.id, this.now());
    if (suppressed !== null) {
      this.deps.logger.info(
        { clientId: client.id, username, cause: outcome.cause, reason: outcome.reason, suppressed },
        'mqtt connect refused',
      );
    }
    const code = outcome.code === 'client-id' ? IDENTIFIER_REJECTED : BAD_USERNAME_OR_PASSWORD;

    return authError(outcome.reason, outcome.code === 'disabled' ? NOT_AUTHORIZED : code);
  }

  private authorizePublish(
    client: Client | null,
    packet: PublishPacket,
    done: (error?: Error | null) => void,
  ): void {
    // The broker's own publishes (alerts, pickup lists, wills) come without a client.
    if (!client) {
      done(null);

      return;
    }

    const identity = this.identities.get(client);
    const decision = identity ? canPublish(identity, packet.topic) : NOT_AUTHENTICATED;
    if (!identity || !decision.ok) {
      const refusal = decision.ok ? NOT_AUTHENTICATED : decision;
      this.refused(client, 'publish', refusal, packet.topic);

      // MQTT 3.1.1 has no negative PUBACK: closing the connection is the refusal.
      done(new Error(refusal.reason));

      return;
    }

    const route = this.routes.find((r) => r.matches(identity, packet.topic));
    if (!route) {
      done(null);

      return;
    }

    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    route.handle(identity, packet.topic, payload).then(
      (verdict) => {
        // A refused input is quarantined and acknowledged like any other (no reconnect loop),
        // but it must not become the topic's retained state, e.g. a garbage device status.
        if (verdict === 'refused') packet.retain = false;
        done(null);
      },
      (error: Error) => {
        // Not durable: no PUBACK, so the device keeps the message and sends it again.
        this.deps.logger.error(
          { clientId: client.id, route: route.name, err: error },
          'inbound publish failed',
        );
        done(error);
      },
    );
  }

  private decide(
    client: Client,
    check: (identity: MqttIdentity) => AccessDecision,
  ): AccessDecision {
    const identity = this.identities.get(client);

    return identity ? check(identity) : NOT_AUTHENTICATED;
  }

  private refused(
    client: Client,
    action: 'publish' | 'subscribe',
    decision: Extract<AccessDecision, { ok: false }>,
    topic: string,
  ): void {
    // The reasons of the ACL name topics, too many for a label: only its verdict is counted.
    const reason = decision === NOT_AUTHENTICATED ? 'not-authenticated' : 'acl';
    this.denied.inc({ action, reason });
    this.deps.logger.info(
      { clientId: client.id, topic, reason: decision.reason },
      `mqtt ${action} refused`,
    );
  }
}
