import { rmSync } from 'node:fs';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimNetworkServer } from '../../firmware-sim/lorawan/network-server-sim.js';
import { SIM_GATEWAYS } from '../../firmware-sim/lorawan/scenario.js';
import { type SimDeviceSpec, SimLoraDevice } from '../../firmware-sim/lorawan/sim-device.js';
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
    external = await startExternalBroker(USERS);
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

  it('reconnects and resubscribes after the external broker restarts mid-stream', async () => {
    const server = new SimNetworkServer('chirpstack', SIM_GATEWAYS);
    const sensor = new SimLoraDevice(STREAMER);
    const start = clock() - 3 * 60 * MIN;
    const batch = (from: number) =>
      Array.from({ length: 4 }, (_, i) => {
        const minute = (from + i) * 15;
        return server.uplink(sensor, { distanceMm: 2_000 - 10 * (from + i) }, start + minute * MIN)
          .message;
      });
    const stored = async () => (await readingsOf(binOf(STREAMER))).map((r) => r.seq);

    await publishUpstream(external.url, batch(0));
    await until(async () => (await stored()).length === 4);

    await external.stop();
    const down = await until(async () => {
      const h = await health(t);
      return h.upstreams.every((u) => u.state === 'disconnected') ? h : null;
    });
    expect(down.status).toBe('degraded');
    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_upstream_connected\{upstream="chirpstack"\} 0/);

    // A fresh broker: our session, and so our subscription, is gone; we must subscribe again.
    await external.start();
    const up = await until(async () => {
      const h = await health(t);
      return allSubscribed(h) ? h : null;
    });
    expect(up.upstreams.map((u) => u.connects)).toEqual([2, 2]);

    await publishUpstream(external.url, batch(4));
    await until(async () => (await stored()).length === 8);
    // Redelivered copies of the first batch, if any, were dropped: each frame is there once.
    expect(await stored()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

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
