import { rmSync } from 'node:fs';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimNetworkServer } from '../../firmware-sim/lorawan/network-server-sim.js';
import { SIM_GATEWAYS } from '../../firmware-sim/lorawan/scenario.js';
import {
  type SimDeviceSpec,
  SimLoraDevice,
  type SimMessage,
} from '../../firmware-sim/lorawan/sim-device.js';
import { type App, createApp } from '../../src/app/create-app.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { api, startTestApp, type TestApp, until } from '../helpers/test-app.js';
import { expectFixturesStored } from './expect-fixtures.js';
import { type ExternalBroker, makeSelfSignedCert, startExternalBroker } from './external-broker.js';
import {
  binOf,
  body,
  CHIRPSTACK_APP,
  FIXTURE_CASES,
  fixtureClock,
  loadFixture,
  loraRegistry,
} from './lora-fleet.js';

const USERS = { 'pesan-ibu': 'reader-secret', 'network-server': 'ns-secret' };
const MIN = 60_000;

/** Streams uplinks of one simulated sensor, as its network server would publish them. */
const STREAMER: SimDeviceSpec = {
  model: 'dragino-ldds20',
  devEui: 'a1b2c3d4e5f600b1',
  deviceId: 'sim-streamer',
  applicationId: CHIRPSTACK_APP,
};

function upstreams(url: string, extra: Record<string, unknown> = {}): ConfigInput {
  const common = {
    url,
    username: 'pesan-ibu',
    password: USERS['pesan-ibu'],
    reconnectPeriodMs: 200,
    ...extra,
  };

  return {
    lorawan: {
      upstreams: [
        { name: 'ttn-cluster', kind: 'ttn', ...common },
        { name: 'chirpstack', kind: 'chirpstack', ...common },
      ],
    },
  };
}

/** Publishes as the network server: QoS 1, resolved once the external broker has it. */
async function publishUpstream(url: string, messages: { topic: string; body: string }[]) {
  const client = await mqtt.connectAsync(url, {
    username: 'network-server',
    password: USERS['network-server'],
    reconnectPeriod: 0,
    rejectUnauthorized: false,
  });
  for (const m of messages) await client.publishAsync(m.topic, m.body, { qos: 1 });
  await client.endAsync();
}

interface HealthBody {
  status: string;
  upstreams: { name: string; state: string; subscribed: boolean; connects: number }[];
}

async function health(t: TestApp): Promise<HealthBody> {
  return (await api(t, '/healthz', { token: null })).body as unknown as HealthBody;
}

const allSubscribed = (h: HealthBody) => h.upstreams.every((u) => u.subscribed);

describe('Pesan Ibu subscribed to a network server broker', () => {
  const clock = fixtureClock();
  const fixtureMessages = FIXTURE_CASES.map((c) => loadFixture(c.file)).map((f) => ({
    topic: f.topic,
    body: body(f),
  }));
  let external: ExternalBroker;
  let t: TestApp;

  beforeAll(async () => {
    external = await startExternalBroker(USERS, undefined, { keepSessions: true });
    t = await startTestApp(upstreams(external.url), loraRegistry([...FIXTURE_CASES, STREAMER]), {
      now: clock,
    });
    await until(async () => allSubscribed(await health(t)));
  });
  afterAll(async () => {
    await t.close();
    await external.stop();
  });

  const readingsOf = (binId: string) => t.app.context.store.readings(binId, 0, clock() + 1);

  it('stores every network-server fixture published on the external broker', async () => {
    const h = await health(t);
    expect(h.status).toBe('ok');
    expect(h.upstreams.map((u) => [u.name, u.state])).toEqual([
      ['ttn-cluster', 'connected'],
      ['chirpstack', 'connected'],
    ]);

    await publishUpstream(external.url, fixtureMessages);
    await until(async () => {
      const counts = await Promise.all(FIXTURE_CASES.map(async (c) => readingsOf(binOf(c))));
      return counts.every((r) => r.length === 1);
    });
    await expectFixturesStored(t.app.context.store, clock() + 1);

    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_upstream_connected\{upstream="ttn-cluster"\} 1/);
    expect(metrics).toMatch(
      /pesan_lorawan_uplinks_total\{server="ttn",via="ttn-cluster",outcome="stored"\} 3/,
    );
  });

  it('loses and doubles nothing acknowledged while the external broker restarts', async () => {
    const server = new SimNetworkServer('chirpstack', SIM_GATEWAYS);
    const sensor = new SimLoraDevice(STREAMER);
    const start = clock() - 3 * 60 * MIN;
    const stored = async () => (await readingsOf(binOf(STREAMER))).map((r) => r.seq);
    const stream = streamUplinks(external.url, (i) => {
      const { message } = server.uplink(sensor, { distanceMm: 2_000 - (i % 40) }, start + i * MIN);
      return { ...message, seq: i };
    });

    try {
      // Mid-stream, with uplinks in flight: the broker acknowledged them to the network server
      // but Pesan Ibu has not stored them yet (they arrive faster than one-at-a-time ingest).
      const inFlight = await until(async () => {
        const n = stream.acked.size - (await stored()).length;
        return (await stored()).length >= 5 && n >= 20 ? n : null;
      });
      expect(inFlight).toBeGreaterThanOrEqual(20);

      await external.stop();
      const down = await until(async () => {
        const h = await health(t);
        return h.upstreams.every((u) => u.state === 'disconnected') ? h : null;
      });
      expect(down.status).toBe('degraded');
      const metrics = (await api(t, '/metrics', { token: null })).body as string;
      expect(metrics).toMatch(/pesan_upstream_connected\{upstream="chirpstack"\} 0/);
      // The network server keeps publishing into the outage; its client queues the uplinks.
      const sentBeforeRestart = stream.sent();
      await until(() => stream.sent() >= sentBeforeRestart + 5);

      await external.start();
      const up = await until(async () => {
        const h = await health(t);
        return allSubscribed(h) ? h : null;
      });
      // At least once more each: Aedes drops a connection that acknowledges a delivery made
      // before the restart ("no such packet"), which costs a reconnect and a redelivery.
      expect(up.upstreams.every((u) => u.connects >= 2)).toBe(true);
      const ackedBeforeRestart = stream.acked.size;
      await until(() => stream.acked.size >= ackedBeforeRestart + 10);
    } finally {
      await stream.stop();
    }

    // Every uplink the broker acknowledged to the network server is stored, and once.
    const acked = [...stream.acked].sort((a, b) => a - b);
    expect(acked.length).toBe(stream.sent());
    await until(async () => (await stored()).length >= acked.length, 20_000);
    expect(await stored()).toEqual(acked);
  });
});

/**
 * A network server publishing a burst of uplinks every 20 ms with QoS 1 from a persistent session,
 * through broker outages (mqtt.js keeps unacknowledged publishes and resends them on
 * reconnect). `acked` holds the index of every uplink whose PUBACK came back.
 */
const BURST = 5;

function streamUplinks(url: string, uplinkAt: (i: number) => SimMessage & { seq: number }) {
  const client = mqtt.connect(url, {
    username: 'network-server',
    password: USERS['network-server'],
    clientId: 'sim-chirpstack-network-server',
    clean: false,
    reconnectPeriod: 100,
  });
  // Reconnect attempts while the broker is down fail with ECONNREFUSED: expected here.
  client.on('error', () => {});
  const acked = new Set<number>();
  const pending: Promise<unknown>[] = [];
  let sent = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < BURST; k++) {
      const message = uplinkAt(sent);
      sent += 1;
      pending.push(
        client.publishAsync(message.topic, message.body, { qos: 1 }).then(() => {
          acked.add(message.seq);
        }),
      );
    }
  }, 20);

  return {
    acked,
    sent: () => sent,
    async stop() {
      clearInterval(timer);
      // Bounded, so a failed test reports its own failure instead of a hang.
      const settled = Promise.allSettled(pending);
      await Promise.race([settled, new Promise((r) => setTimeout(r, 15_000))]);
      await client.endAsync(true);
    },
  };
}

describe('a persistent upstream session', () => {
  const clock = fixtureClock();
  let external: ExternalBroker;
  const dir = makeTempDir('upstream-session');

  beforeAll(async () => {
    external = await startExternalBroker(USERS);
  });
  afterAll(async () => {
    await external.stop();
    dir.remove();
  });

  it('gets the uplinks the broker queued while Pesan Ibu was down', async () => {
    const first = await startTestApp(upstreams(external.url), loraRegistry([STREAMER]), {
      now: clock,
    });
    await until(async () => allSubscribed(await health(first)));
    const config = first.app.config;
    await first.app.stop();

    // Published while nobody is connected: the broker keeps them for our session.
    const server = new SimNetworkServer('chirpstack', SIM_GATEWAYS);
    const sensor = new SimLoraDevice(STREAMER);
    const start = clock() - 60 * MIN;
    const queued = [0, 1, 2].map(
      (i) => server.uplink(sensor, { distanceMm: 1_500 }, start + i * 15 * MIN).message,
    );
    await publishUpstream(external.url, queued);

    let second: App | null = null;
    try {
      second = await createApp(config, { logger: pino({ level: 'silent' }), now: clock });
      await second.listen();
      const store = second.context.store;
      const readings = await until(async () => {
        const list = await store.readings(binOf(STREAMER), 0, clock() + 1);
        return list.length === 3 ? list : null;
      });
      expect(readings.map((r) => r.seq)).toEqual([0, 1, 2]);
    } finally {
      await second?.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});

describe('an upstream over TLS with a private CA', () => {
  const clock = fixtureClock();
  const dir = makeTempDir('upstream-tls');
  let external: ExternalBroker;
  let t: TestApp;

  beforeAll(async () => {
    const tls = makeSelfSignedCert(dir.path);
    external = await startExternalBroker(USERS, tls);
    t = await startTestApp(
      upstreams(external.url, { caFile: tls.certFile }),
      loraRegistry(FIXTURE_CASES),
      { now: clock },
    );
  });
  afterAll(async () => {
    await t.close();
    await external.stop();
    dir.remove();
  });

  it('verifies the broker against the CA file and stores what it publishes', async () => {
    expect(external.url).toMatch(/^mqtts:\/\//);
    await until(async () => allSubscribed(await health(t)));

    const fixture = loadFixture('chirpstack-uplink-two-gateways.json');
    await publishUpstream(external.url, [{ topic: fixture.topic, body: body(fixture) }]);
    const readings = await until(async () => {
      const list = await t.app.context.store.readings('bin-lora-wilsen', 0, clock() + 1);
      return list.length > 0 ? list : null;
    });
    expect(readings[0]).toMatchObject({ distanceMm: 1718, gateways: 2, source: 'chirpstack' });
  });
});
