import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { topics } from '../src/broker/topics.js';
import { type BackoffPolicy, backoffDelayMs } from './backoff.js';
import { encodeFrame } from './bad-frames.js';
import type { BinSimulation } from './bin-simulation.js';
import type { FleetCounters } from './fleet-stats.js';
import { collectionsBetween } from './pickup-cadence.js';
import type { SeededRandom } from './random.js';
import { type TimestampFormat, timestampField } from './sensor-readout.js';
import type { SimClock } from './sim-clock.js';

/** What every device of a fleet shares. */
export interface DeviceEnvironment {
  brokerUrl: string;
  clock: SimClock;
  logger: Logger;
  counters: FleetCounters;
  seed: number;
  badFrameRate: number;
  /** How `ts` is written, and whether it is the wall clock or simulated time. */
  timestamp: TimestampFormat;
  timestampClock: 'wall' | 'sim';
  /** Empty the bin at the land-use pick-up cadence (when no planner drives the fleet). */
  cadence: boolean;
  backoff: BackoffPolicy;
  /** Readings waiting for PUBACK beyond which new ones are dropped (a device's RAM is small). */
  maxInFlight: number;
  keepaliveS: number;
  connectTimeoutMs: number;
}

/** MQTT 3.1.1 CONNACK 4/5 and MQTT 5 reason codes 134/135: credentials or authorisation. */
const AUTH_REFUSALS = new Set([4, 5, 134, 135]);
const STOP_GRACE_MS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One simulated sensor: its own MQTT connection (client id = device id, credentials, retained
 * `offline` last will), a report every bin interval divided by the fleet's speed, and
 * reconnection with exponential backoff and jitter after any loss of connection.
 */
export class SimulatedDevice {
  private client: MqttClient | null = null;
  private seq: number;
  private inFlight = 0;
  private online = false;
  private attempt = 0;
  private stopping = false;
  private darkUntilMs = 0;
  private lastSimMs: number;
  private nextReportAtMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log: Logger;
  private readonly statusTopic: string;
  private readonly telemetryTopic: string;

  constructor(
    readonly deviceId: string,
    private readonly secret: string,
    readonly sim: BinSimulation,
    private readonly env: DeviceEnvironment,
    private readonly rng: SeededRandom,
    seqStart: number,
  ) {
    this.seq = seqStart >>> 0;
    this.lastSimMs = env.clock.now();
    this.log = env.logger.child({ deviceId });
    this.statusTopic = topics.device(deviceId, 'status');
    this.telemetryTopic = topics.device(deviceId, 'telemetry');
  }

  /** Connected and announced (mqtt.js emits 'connect' after resending buffered readings). */
  get connected(): boolean {
    return this.online && this.client?.connected === true;
  }

  /** Connects after `connectDelayMs`, then reports `firstReportDelayMs` later and periodically. */
  start(connectDelayMs: number, firstReportDelayMs: number): void {
    this.later(connectDelayMs, () => this.connect());
    this.nextReportAtMs = Date.now() + connectDelayMs + firstReportDelayMs;
    this.scheduleReport();
  }

  /** A crew emptied the bin now (simulated time). */
  empty(): void {
    this.sim.empty(this.env.clock.now());
    this.env.counters.emptied++;
  }

  /**
   * Drops the connection without DISCONNECT, as a sensor losing coverage does (the broker then
   * publishes its last will), and stays silent for `forMs` of wall-clock time.
   */
  goDark(forMs: number): void {
    this.darkUntilMs = Date.now() + forMs;
    this.client?.stream?.destroy();
    // setTimeout fires at once for delays past 2^31-1 ms: treat those as "for good".
    if (forMs < MAX_TIMER_MS) this.later(forMs, () => this.connect());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();

    const client = this.client;
    if (client === null) return;

    if (client.connected) {
      // A clean shutdown says so itself: a DISCONNECT suppresses the last will.
      await withTimeout(
        client.publishAsync(this.statusTopic, 'offline', { qos: 1, retain: true }),
        STOP_GRACE_MS,
      ).catch((error: unknown) => this.log.debug({ err: error }, 'offline status not sent'));
      await withTimeout(client.endAsync(), STOP_GRACE_MS).catch(() => client.end(true));
    } else {
      client.end(true);
    }
  }

  private connect(): void {
    if (this.stopping || Date.now() < this.darkUntilMs) return;

    if (this.client === null) {
      this.client = mqtt.connect(this.env.brokerUrl, {
        clientId: this.deviceId,
        username: this.deviceId,
        password: this.secret,
        clean: true,
        keepalive: this.env.keepaliveS,
        connectTimeout: this.env.connectTimeoutMs,
        // Reconnection is ours (backoff with jitter); mqtt.js would retry at a fixed period.
        reconnectPeriod: 0,
        will: { topic: this.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
      });
      this.attachHandlers(this.client);
    } else {
      this.env.counters.reconnectAttempts++;
      // Keep the stores: QoS 1 readings not yet acknowledged are resent after reconnecting.
      const { incomingStore, outgoingStore } = this.client;
      this.client.reconnect({ incomingStore, outgoingStore });
    }
  }

  private attachHandlers(client: MqttClient): void {
    client.on('connect', () => {
      // A stop that began while the session was being set up must not be undone by 'online'.
      if (this.stopping) return;

      this.online = true;
      this.attempt = 0;
      this.env.counters.connects++;
      this.log.debug('device connected');
      client.publish(this.statusTopic, 'online', { qos: 1, retain: true }, (error) => {
        if (error) this.log.debug({ err: error }, 'online status not sent');
      });
    });

    client.on('close', () => {
      this.online = false;
      if (this.stopping || Date.now() < this.darkUntilMs) return;
      this.scheduleReconnect();
    });

    client.on('error', (error) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'number' && AUTH_REFUSALS.has(code)) {
        this.env.counters.authFailures++;
        this.log.warn({ code, err: error.message }, 'broker refused device credentials');
        return;
      }
      this.log.debug({ err: error.message }, 'device connection error');
    });
  }

  private scheduleReconnect(): void {
    const delayMs = backoffDelayMs(this.attempt++, this.env.backoff, this.rng.next());
    this.log.debug({ delayMs, attempt: this.attempt }, 'device reconnect scheduled');
    this.later(delayMs, () => this.connect());
  }

  private scheduleReport(): void {
    this.later(Math.max(0, this.nextReportAtMs - Date.now()), () => {
      this.report();

      // Skip slots missed while the event loop was busy rather than bursting to catch up.
      const intervalMs = this.env.clock.realMs(this.sim.bin.reportIntervalS * 1000);
      const now = Date.now();
      do this.nextReportAtMs += intervalMs;
      while (this.nextReportAtMs <= now);
      this.scheduleReport();
    });
  }

  private report(): void {
    const simMs = this.env.clock.now();
    if (this.env.cadence) {
      for (const ts of collectionsBetween(this.sim.bin, this.lastSimMs, simMs, this.env.seed)) {
        this.sim.empty(ts);
        this.env.counters.emptied++;
      }
    }
    this.lastSimMs = simMs;

    const payload = this.sim.reading(simMs, this.seq, 'none');
    const ts = timestampField(
      this.env.timestampClock === 'wall' ? Date.now() : simMs,
      this.env.timestamp,
    );
    if (ts !== undefined) payload.ts = ts;
    this.seq = (this.seq + 1) >>> 0;

    const client = this.client;
    if (client === null || Date.now() < this.darkUntilMs) {
      this.env.counters.unsent++;
      return;
    }
    if (this.inFlight >= this.env.maxInFlight) {
      this.env.counters.dropped++;
      return;
    }

    const frame = encodeFrame(payload, this.rng, this.env.badFrameRate);
    if (frame.badKind !== null) this.env.counters.badFrames++;
    this.inFlight++;
    this.env.counters.published++;
    client.publish(this.telemetryTopic, frame.body, { qos: 1 }, (error) => {
      this.inFlight--;
      if (error) {
        this.env.counters.failed++;
        this.log.debug({ err: error.message }, 'reading not acknowledged');
      } else {
        this.env.counters.acked++;
      }
    });
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping) action();
    }, delayMs);
    this.timers.add(timer);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });

  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
