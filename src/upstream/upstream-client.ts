import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { UpstreamConfig } from '../config/lorawan-config.js';
import type { NetworkServer } from '../lorawan/index.js';

export type UpstreamConnection = 'connecting' | 'connected' | 'disconnected' | 'stopped';

/** What readiness and metrics show of one upstream connection. */
export interface UpstreamStatus {
  name: string;
  kind: NetworkServer;
  /** Scheme, host and port only: never the credentials. */
  url: string;
  state: UpstreamConnection;
  /** True once the broker granted every subscription on the current connection. */
  subscribed: boolean;
  since: number;
  connects: number;
  lastError: string | null;
}

/** Settles once the message is durably handled (stored or quarantined). */
export type UplinkHandler = (
  server: NetworkServer,
  topic: string,
  payload: Buffer,
  via: string,
) => Promise<unknown>;

/**
 * One connection to a network server's broker. Messages are handled one at a time and each
 * QoS 1 message is acknowledged only after the handler settled, so what the broker forgets has
 * been stored. With `cleanSession: false` the broker keeps our session and queues QoS 1
 * uplinks while we are away; we still subscribe on every connect, because a restarted broker
 * may have lost the session (re-subscribing to a kept subscription changes nothing).
 */
export class UpstreamClient {
  private client: MqttClient | null = null;
  private readonly current: UpstreamStatus;
  private readonly options: IClientOptions;
  private lostLogged = false;

  constructor(
    private readonly config: UpstreamConfig,
    private readonly handler: UplinkHandler,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    const { protocol, host } = new URL(config.url);
    this.current = {
      name: config.name,
      kind: config.kind,
      url: `${protocol}//${host}`,
      state: 'connecting',
      subscribed: false,
      since: now(),
      connects: 0,
      lastError: null,
    };
    // Built here so a missing CA file stops start-up instead of failing in the background.
    this.options = clientOptions(config);
  }

  status(): UpstreamStatus {
    return { ...this.current };
  }

  /** Starts connecting and returns at once: an unreachable upstream must not stop start-up. */
  start(): void {
    const client = mqtt.connect(this.config.url, this.options);
    this.client = client;
    client.handleMessage = (packet, done) => {
      const payload = Buffer.isBuffer(packet.payload)
        ? packet.payload
        : Buffer.from(packet.payload);
      this.handler(this.config.kind, packet.topic, payload, this.config.name).then(
        () => done(),
        (error: Error) => {
          // Not durable: no PUBACK. MQTT 3.1.1 redelivers only on a new connection, so drop
          // this one; the persistent session hands the message over again after the reconnect.
          this.logger.error({ err: error, topic: packet.topic }, 'upstream uplink not stored');
          done(error);
          client.stream.destroy();
        },
      );
    };

    client.on('connect', () => this.connected(client));
    client.on('close', () => this.lost('connection closed'));
    client.on('error', (error) => {
      this.current.lastError = error.message;
      this.lost(error.message);
    });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.set('stopped');
    if (client !== null) await client.endAsync();
  }

  private connected(client: MqttClient): void {
    this.current.connects += 1;
    this.current.subscribed = false;
    this.set('connected');
    this.lostLogged = false;
    this.logger.info({ url: this.current.url }, 'upstream connected');

    const qos = this.config.qos;
    client.subscribe(this.config.topics, { qos }, (error, granted) => {
      const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
      if (error || refused.length > 0) {
        const reason = error?.message ?? `broker refused ${refused.join(', ')}`;
        this.current.lastError = `subscribe failed: ${reason}`;
        this.logger.error({ topics: this.config.topics, reason }, 'upstream subscribe failed');

        return;
      }
      this.current.subscribed = true;
      this.logger.info({ topics: this.config.topics }, 'upstream subscribed');
    });
  }

  /** Logged once per outage, not on every reconnect attempt. */
  private lost(reason: string): void {
    if (this.current.state === 'stopped') return;

    this.current.subscribed = false;
    this.set('disconnected');
    if (this.lostLogged) return;
    this.lostLogged = true;
    this.logger.warn(
      { url: this.current.url, reason, retryMs: this.config.reconnectPeriodMs },
      'upstream disconnected; reconnecting',
    );
  }

  private set(state: UpstreamConnection): void {
    if (this.current.state === state) return;
    this.current.state = state;
    this.current.since = this.now();
  }
}

function clientOptions(c: UpstreamConfig): IClientOptions {
  return {
    clientId: c.clientId,
    clean: c.cleanSession,
    protocolVersion: 4,
    reconnectPeriod: c.reconnectPeriodMs,
    connectTimeout: 30_000,
    // We subscribe ourselves on every connect (see the class comment).
    resubscribe: false,
    ...(c.username === undefined ? {} : { username: c.username }),
    ...(c.password === undefined ? {} : { password: c.password }),
    ...(c.caFile === undefined ? {} : { ca: readCa(c.caFile, c.name) }),
  };
}

function readCa(file: string, name: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`upstream ${name}: cannot read caFile ${file}: ${(error as Error).message}`);
  }
}
