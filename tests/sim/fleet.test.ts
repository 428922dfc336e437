import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Fleet, type FleetDevice, startFleet } from '../../firmware-sim/fleet.js';
import { nativePayloadSchema } from '../../src/ingest/native-payload.js';
import { testBin } from './helpers/bins.js';
import { TestBroker, waitFor } from './helpers/broker.js';

// 900 s reports at x9000: one reading per device every 100 ms of wall time.
const SPEED = 9000;
const FAST_BACKOFF = { baseMs: 50, maxMs: 400 };

const devices: FleetDevice[] = [
  { deviceId: 'dev-a', secret: 'secret-a', bin: testBin('bin-a') },
  { deviceId: 'dev-b', secret: 'secret-b', bin: testBin('bin-b', { kind: 'armroll-skip-6m3' }) },
  { deviceId: 'dev-c', secret: 'secret-c', bin: testBin('bin-c', { landUse: 'school' }) },
];

function seqs(broker: TestBroker, deviceId: string): number[] {
  return broker
    .telemetry(deviceId)
    .map((frame) => JSON.parse(frame.body) as { seq: number })
    .map((payload) => payload.seq);
}

function isIncreasing(values: number[]): boolean {
  return values.every((value, i) => i === 0 || value > values[i - 1]!);
}

describe('live fleet against a real Aedes broker', () => {
  let broker: TestBroker;
  let fleet: Fleet | null = null;

  beforeEach(async () => {
    broker = await TestBroker.start({
      'dev-a': 'secret-a',
      'dev-b': 'secret-b',
      'dev-c': 'secret-c',
    });
  });

  afterEach(async () => {
    await fleet?.stop();
    fleet = null;
    await broker.stop();
  });

  function start(extra: Partial<Parameters<typeof startFleet>[0]> = {}): Fleet {
    fleet = startFleet({
      brokerUrl: broker.url,
      devices,
      speed: SPEED,
      seed: 7,
      backoff: FAST_BACKOFF,
      connectSpreadMs: 50,
      ...extra,
    });

    return fleet;
  }

  it('publishes valid readings per device with increasing sequence numbers', async () => {
    const running = start({ seqStart: 100 });
    await waitFor('5 readings per device', () =>
      devices.every((d) => broker.telemetry(d.deviceId).length >= 5),
    );

    for (const device of devices) {
      const sequence = seqs(broker, device.deviceId);
      expect(sequence[0]).toBe(100);
      expect(isIncreasing(sequence)).toBe(true);
      expect(broker.statuses(device.deviceId)[0]).toBe('online');
      for (const frame of broker.telemetry(device.deviceId)) {
        const payload = nativePayloadSchema.parse(JSON.parse(frame.body));
        // Timestamps carry the wall clock (WIB ISO), not the accelerated simulated clock.
        expect(Math.abs(Date.parse(payload.ts as string) - Date.now())).toBeLessThan(10_000);
      }
    }
    expect(running.stats()).toMatchObject({ devices: 3, connected: 3, authFailures: 0 });
    expect(running.simNow() - Date.now()).toBeGreaterThan(60_000);
  });

  it('keeps a device with a wrong secret out, with backoff, while others report', async () => {
    const intruder = { ...devices[0]!, deviceId: 'dev-x', secret: 'guess' };
    const running = start({ devices: [...devices, intruder] });
    await waitFor('two refused logins', () => running.stats().authFailures >= 2);
    await waitFor('readings from the others', () => broker.telemetry().length >= 6);

    expect(broker.refusedLogins).toContain('dev-x');
    expect(broker.telemetry('dev-x')).toHaveLength(0);
    expect(running.stats().connected).toBe(3);
  });

  it('has the broker publish the last will when a device drops without DISCONNECT', async () => {
    const running = start();
    await waitFor('all connected', () => running.stats().connected === 3);

    running.goDark(['dev-b']);
    await waitFor('offline will of dev-b', () => broker.statuses('dev-b').includes('offline'));
    const frame = broker.frames.find((f) => f.deviceId === 'dev-b' && f.body === 'offline')!;
    expect(frame.retain).toBe(true);

    const before = broker.telemetry('dev-a').length;
    await waitFor('dev-a still reporting', () => broker.telemetry('dev-a').length > before + 3);
    expect(running.stats().connected).toBe(2);
    expect(running.stats().unsent).toBeGreaterThan(0);
  });

  it('reconnects after the broker goes away and comes back, continuing the sequence', async () => {
    const running = start();
    await waitFor('readings', () => devices.every((d) => broker.telemetry(d.deviceId).length >= 2));

    const port = broker.port;
    await broker.closeServer();
    await waitFor('fleet noticed the outage', () => running.stats().connected === 0);
    const countAtOutage = broker.telemetry().length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await broker.listen(port);

    // mqtt.js emits 'connect' once the readings buffered during the outage are resent.
    await waitFor('fleet back online', () => running.stats().connects >= 6);
    await waitFor('fresh readings', () => broker.telemetry().length > countAtOutage + 9);
    for (const device of devices) expect(isIncreasing(seqs(broker, device.deviceId))).toBe(true);
    expect(running.stats().reconnectAttempts).toBeGreaterThanOrEqual(3);
    expect(running.stats().connected).toBe(3);
  });

  it('empties a bin on request: the next distance is close to the mounting height', async () => {
    const running = start({ collections: 'external' });
    const distances = () =>
      broker
        .telemetry('dev-a')
        .map((f) => (JSON.parse(f.body) as { distance_mm: number }).distance_mm);
    await waitFor('readings of a part-full bin', () => distances().length >= 3);

    expect(running.empty(['bin-a', 'not-in-this-fleet'])).toEqual(['bin-a']);
    const emptiedAt = distances().length;
    await waitFor('readings after emptying', () => distances().length > emptiedAt + 1);

    // Seed 7 starts bin-a 43 % full; each reading adds under 1 % (15 simulated minutes).
    const mountMm = devices[0]!.bin.mountHeightMm;
    expect(mountMm - distances()[emptiedAt - 1]!).toBeGreaterThan(300);
    // The reading right at `emptiedAt` may have left the device before the call.
    expect(distances()[emptiedAt + 1]!).toBeGreaterThan(mountMm - 60);
    expect(running.stats().emptied).toBe(1);
  });

  it('sends broken frames at the configured rate and counts them', async () => {
    const running = start({ badFrameRate: 1 });
    await waitFor('frames', () => broker.telemetry().length >= 6);

    for (const frame of broker.telemetry()) {
      let valid = false;
      try {
        valid =
          nativePayloadSchema.safeParse(JSON.parse(frame.body)).success &&
          frame.body.length <= 1024;
      } catch {
        valid = false;
      }
      expect(valid).toBe(false);
    }
    expect(running.stats().badFrames).toBe(running.stats().published);
  });

  it('says offline itself and disconnects cleanly on stop', async () => {
    const running = start();
    await waitFor('all connected', () => running.stats().connected === 3);
    await running.stop();
    fleet = null;

    for (const device of devices) expect(broker.statuses(device.deviceId).at(-1)).toBe('offline');
    const published = running.stats().published;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(running.stats().published).toBe(published);
    expect(broker.aedes.connectedClients).toBe(0);
  });
});
