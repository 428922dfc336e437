import pino, { type Logger } from 'pino';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';
import { BinSimulation } from './bin-simulation.js';
import { emptyCounters, type FleetStats } from './fleet-stats.js';
import { hashString, mix32, SeededRandom } from './random.js';
import type { TimestampFormat } from './sensor-readout.js';
import { SimClock } from './sim-clock.js';
import type { AnomalyRates, GenerationEvent, SimBin } from './sim-types.js';
import { SimulatedDevice } from './simulated-device.js';

export interface FleetDevice {
  deviceId: string;
  /** The device's MQTT password, as returned once by provisioning. */
  secret: string;
  bin: SimBin;
}

export interface FleetOptions {
  /** mqtt://host:port (or ws://, mqtts://): anything mqtt.js connects to. */
  brokerUrl: string;
  devices: readonly FleetDevice[];
  /** Time acceleration: 60 makes a 15-minute interval pass in 15 s. Default 1. */
  speed?: number;
  seed?: number;
  logger?: Logger;
  /** Simulated time at start; default now. */
  simStartMs?: number;
  /**
   * Start of a backfill made with the same seed (`generateHistory({ from })`): each bin replays
   * its cadence collections from there, so the live curves continue the history without a jump.
   * Without it, bins start at a seeded fill between 0 and 50 %.
   */
  resumeFrom?: number;
  /**
   * 'cadence': the fleet empties bins itself at the land-use pick-up cadence; 'external'
   * (default): only when told to (the pickup follower).
   */
  collections?: 'cadence' | 'external';
  /** Share of frames sent broken (not JSON, wrong types, out of range...). Default 0. */
  badFrameRate?: number;
  events?: readonly GenerationEvent[];
  anomalies?: AnomalyRates;
  /**
   * Payload timestamps: 'iso' (WIB offset, default), 'epoch-ms' or 'none'. They carry the wall
   * clock by default, because an accelerated simulated clock runs into the future, which the
   * server rightly refuses.
   */
  timestamp?: TimestampFormat;
  timestampClock?: 'wall' | 'sim';
  /**
   * First sequence number of every device; default the current Unix time in seconds, like a
   * counter seeded from the RTC at boot, so a restarted simulator does not repeat numbers the
   * server has already stored (it would drop them as redeliveries).
   */
  seqStart?: number;
  backoff?: BackoffPolicy;
  /** Spread of the initial connections, ms; default 20 ms per device, at most 10 s. */
  connectSpreadMs?: number;
  /** First report within this many ms of connecting; default min(2 s, one interval). */
  firstReportWithinMs?: number;
  maxInFlight?: number;
  keepaliveS?: number;
  connectTimeoutMs?: number;
}

export interface Fleet {
  readonly size: number;
  /** Current simulated time, epoch ms. */
  simNow(): number;
  /** Empties the bins now (simulated time); returns the ids of the bins this fleet has. */
  empty(binIds: Iterable<string>): string[];
  /** Cuts the devices off without DISCONNECT (last will fires) for `forMs` of wall time. */
  goDark(deviceIds: Iterable<string>, forMs?: number): void;
  stats(): FleetStats;
  /** Sends `offline`, disconnects cleanly and clears every timer. */
  stop(): Promise<void>;
}

/** Starts one simulated sensor per device, each on its own MQTT connection. */
export function startFleet(options: FleetOptions): Fleet {
  const seed = options.seed ?? 1;
  const clock = new SimClock(options.speed ?? 1, options.simStartMs ?? Date.now());
  const counters = emptyCounters();
  const env = {
    brokerUrl: options.brokerUrl,
    clock,
    logger: options.logger ?? pino({ level: 'silent' }),
    counters,
    seed,
    badFrameRate: options.badFrameRate ?? 0,
    timestamp: options.timestamp ?? 'iso',
    timestampClock: options.timestampClock ?? 'wall',
    cadence: options.collections === 'cadence',
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    maxInFlight: options.maxInFlight ?? 64,
    keepaliveS: options.keepaliveS ?? 60,
    connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
  };
  const seqStart = options.seqStart ?? Math.floor(Date.now() / 1000);
  const spreadMs = options.connectSpreadMs ?? Math.min(10_000, 20 * options.devices.length);

  const devices = options.devices.map((device) => {
    const deviceHash = hashString(device.deviceId);
    const sim = new BinSimulation(device.bin, device.deviceId, {
      seed,
      originMs: options.resumeFrom ?? clock.simStartMs,
      events: options.events ?? [],
      anomalies: options.anomalies ?? {},
    });
    if (options.resumeFrom !== undefined) sim.fastForwardWithCadence(clock.simStartMs);
    // Jitter and bad-frame draws use their own stream: the readings stay those of the seed.
    const rng = new SeededRandom(mix32(seed ^ 0x5eed, deviceHash));

    return new SimulatedDevice(device.deviceId, device.secret, sim, env, rng, seqStart);
  });

  const byBin = new Map<string, SimulatedDevice[]>();
  for (const device of devices) {
    byBin.set(device.sim.bin.id, [...(byBin.get(device.sim.bin.id) ?? []), device]);
  }

  const startRng = new SeededRandom(seed ^ 0xf1ee7);
  for (const device of devices) {
    const intervalMs = clock.realMs(device.sim.bin.reportIntervalS * 1000);
    const firstWithinMs = options.firstReportWithinMs ?? Math.min(2_000, intervalMs);
    device.start(startRng.next() * spreadMs, startRng.next() * firstWithinMs);
  }
  env.logger.info(
    { devices: devices.length, speed: clock.speed, brokerUrl: options.brokerUrl },
    'simulated fleet started',
  );

  return {
    size: devices.length,
    simNow: () => clock.now(),
    empty(binIds) {
      const emptied: string[] = [];
      for (const binId of binIds) {
        const onBin = byBin.get(binId);
        if (onBin === undefined) continue;
        for (const device of onBin) device.empty();
        emptied.push(binId);
      }

      return emptied;
    },
    goDark(deviceIds, forMs = Number.POSITIVE_INFINITY) {
      const wanted = new Set(deviceIds);
      for (const device of devices) if (wanted.has(device.deviceId)) device.goDark(forMs);
    },
    stats: () => ({
      ...counters,
      devices: devices.length,
      connected: devices.filter((device) => device.connected).length,
      simNowMs: clock.now(),
    }),
    async stop() {
      await Promise.all(devices.map((device) => device.stop()));
      env.logger.info({ ...counters }, 'simulated fleet stopped');
    },
  };
}
