import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimNetworkServer } from '../../firmware-sim/lorawan/network-server-sim.js';
import { publishSimMessages } from '../../firmware-sim/lorawan/publish.js';
import {
  deviceScenario,
  type ScenarioMessage,
  SIM_GATEWAYS,
} from '../../firmware-sim/lorawan/scenario.js';
import { type SimDeviceSpec, SimLoraDevice } from '../../firmware-sim/lorawan/sim-device.js';
import type { NetworkServer } from '../../src/lorawan/index.js';
import { wibDate } from '../../src/shared/wib.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  binOf,
  CHIRPSTACK_APP,
  fixtureClock,
  INTEGRATIONS,
  integrationFor,
  type LoraDeviceSpec,
  loraRegistry,
  TTN_APP,
} from './lora-fleet.js';

const HOUR = 3_600_000;
const MIN = 60_000;

const SCENARIO_DEVICES: (SimDeviceSpec & { server: NetworkServer })[] = [
  {
    server: 'ttn',
    model: 'milesight-em310-udl',
    devEui: 'a1b2c3d4e5f60001',
    deviceId: 'sim-em310-0001',
    applicationId: TTN_APP,
  },
  {
    server: 'chirpstack',
    model: 'dragino-ldds20',
    devEui: 'a1b2c3d4e5f60002',
    deviceId: 'sim-ldds20-0002',
    applicationId: CHIRPSTACK_APP,
  },
  {
    server: 'chirpstack',
    model: 'decentlab-dl-mbx',
    devEui: 'a1b2c3d4e5f60003',
    deviceId: 'sim-mbx-0003',
    applicationId: CHIRPSTACK_APP,
    activation: 'abp',
  },
];

/** A 660 L wheelie bin (1300 mm to the floor, 1100 mm usable) read by a Dragino LDDS20. */
const GATED: SimDeviceSpec & LoraDeviceSpec = {
  model: 'dragino-ldds20',
  devEui: 'a1b2c3d4e5f600a1',
  deviceId: 'sim-gated',
  applicationId: CHIRPSTACK_APP,
  bin: { mountHeightMm: 1_300, usableDepthMm: 1_100 },
};

describe('the LoRaWAN simulator publishing through our broker', () => {
  let t: TestApp;
  const clock = fixtureClock();

  beforeAll(async () => {
    t = await startTestApp(
      { lorawan: { integrations: INTEGRATIONS } },
      loraRegistry([...SCENARIO_DEVICES, GATED]),
      { now: clock },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const publish = (server: NetworkServer, messages: readonly { topic: string; body: string }[]) => {
    const { username, password } = integrationFor(server);

    return publishSimMessages({ url: t.mqttUrl, username, password }, messages);
  };
  const readingsOf = (binId: string) => t.app.context.store.readings(binId, 0, clock() + 1);
  const openAlerts = async (binId: string) => {
    const res = await api(t, '/api/v1/alerts?status=open');
    const alerts = (res.body as { alerts: { binId: string; kind: string }[] }).alerts;

    return alerts.filter((a) => a.binId === binId).map((a) => a.kind);
  };

  it('lands every reading once, across duplicates, reboots and broken frames', async () => {
    const start = clock() - 3 * HOUR;
    const scenarios = SCENARIO_DEVICES.map((d) => ({
      device: d,
      messages: deviceScenario(d.server, d, start),
    }));
    for (const { device, messages } of scenarios) await publish(device.server, messages);

    const count = (messages: ScenarioMessage[], outcome: ScenarioMessage['expect']) =>
      messages.filter((m) => m.expect === outcome).length;
    for (const { device, messages } of scenarios) {
      const readings = await readingsOf(binOf(device));
      expect(readings, device.deviceId).toHaveLength(count(messages, 'reading'));
      // Frame counters 0, 1, then 0, 1 again after the reboot: all four are readings.
      expect(readings.map((r) => r.seq)).toEqual([0, 1, 0, 1]);

      const refused = t.app.context.quarantine
        .recent(200)
        .filter((e) => messages.some((m) => m.topic === e.topic));
      expect(refused.filter((e) => e.code === 'decode-failed')).toHaveLength(
        count(messages, 'rejected-frame'),
      );
      expect(refused.filter((e) => e.code === 'bad-envelope')).toHaveLength(
        count(messages, 'rejected-envelope'),
      );
    }

    // 84-85 % of a 2.5 m deep skip: past the 80 % threshold.
    expect(await openAlerts(binOf(SCENARIO_DEVICES[1]!))).toContain('full');
    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    const duplicates = scenarios.reduce((n, s) => n + count(s.messages, 'duplicate'), 0);
    expect(metrics).toMatch(new RegExp(`pesan_ingest_duplicates_total ${duplicates}\\b`));
  });

  it('never turns a no-echo or a spike into a full bin, alert or route stop', async () => {
    const server = new SimNetworkServer('chirpstack', SIM_GATEWAYS);
    const sensor = new SimLoraDevice(GATED);
    const start = clock() - 2 * HOUR;
    const send = async (distanceMm: number | null, minute: number) => {
      const { message } = server.uplink(
        sensor,
        { distanceMm, batteryV: 3.3 },
        start + minute * MIN,
      );
      await publish('chirpstack', [message]);
      const readings = await readingsOf(binOf(GATED));

      return readings.at(-1)!;
    };

    // 700 mm on a 1300 mm mount with 1100 mm usable: (1300 - 700) / 1100 = 54.5 %.
    expect(await send(700, 0)).toMatchObject({ quality: 'ok', fillPct: 54.5 });

    const silent = await send(null, 15);
    expect(silent).toMatchObject({ quality: 'no-echo', fillPct: 54.5, distanceMm: null });
    expect(silent.qualityReason).toMatch(/no echo.*last trusted level/);
    expect(await openAlerts(binOf(GATED))).toEqual(['verify']);

    // 300 mm = 90.9 %, a 36-point rise in 15 minutes: implausible for a residential bin.
    const spike = await send(300, 30);
    expect(spike).toMatchObject({ quality: 'spike', fillPct: 90.9 });
    expect(await openAlerts(binOf(GATED))).toEqual(['verify']);
    const { plan } = await t.app.context.planner.plan(wibDate(clock()), 'test', clock());
    expect(JSON.stringify(plan)).not.toContain(binOf(GATED));

    // Two more readings hold the level: the jump was real after all.
    await send(300, 45);
    const confirmed = await send(300, 60);
    expect(confirmed.quality).toBe('ok');
    const history = await readingsOf(binOf(GATED));
    expect(history.map((r) => r.quality)).toEqual(['ok', 'no-echo', 'ok', 'ok', 'ok']);
    expect(history[2]!.qualityReason).toMatch(/confirmed/);
    expect(await openAlerts(binOf(GATED))).toEqual(['full']);
  });
});
