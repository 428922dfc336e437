import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimNetworkServer } from '../../firmware-sim/lorawan/network-server-sim.js';
import { publishSimMessages } from '../../firmware-sim/lorawan/publish.js';
import {
  deviceScenario,
  type ScenarioMessage,
  type ScenarioOutcome,
  SIM_GATEWAYS,
} from '../../firmware-sim/lorawan/scenario.js';
import { type SimDeviceSpec, SimLoraDevice } from '../../firmware-sim/lorawan/sim-device.js';
import { decodeUplink } from '../../src/lorawan/decode-uplink.js';
import { uplinkDedupeKey } from '../../src/lorawan/dedupe-key.js';
import { UPLINK_SUBSCRIPTIONS } from '../../src/lorawan/network-server-topics.js';
import { parseUplink } from '../../src/lorawan/parse-uplink.js';
import type { NetworkServer } from '../../src/lorawan/uplink.js';
import {
  collect,
  type Received,
  startTestBroker,
  type TestBroker,
  waitFor,
} from './broker-harness.js';

const START_MS = Date.parse('2026-12-03T06:00:00+07:00');
const USERS = { 'ns-ttn': 'ttn-secret', 'ns-chirpstack': 'cs-secret', ingest: 'ingest-secret' };

const TTN_DEVICE: SimDeviceSpec = {
  model: 'milesight-em310-udl',
  devEui: 'a1b2c3d4e5f60001',
  deviceId: 'sim-em310-0001',
  applicationId: 'pesan-ibu-bins',
};
const CHIRPSTACK_DEVICE: SimDeviceSpec = {
  model: 'dragino-ldds20',
  devEui: 'a1b2c3d4e5f60002',
  deviceId: 'sim-ldds20-0002',
  applicationId: 'c0ffee00-5e5a-4b1b-9a0e-70b1b0000001',
};
const ABP_DEVICE: SimDeviceSpec = {
  model: 'decentlab-dl-mbx',
  devEui: 'a1b2c3d4e5f60003',
  deviceId: 'sim-mbx-0003',
  applicationId: 'c0ffee00-5e5a-4b1b-9a0e-70b1b0000001',
  activation: 'abp',
};

/** What a consumer makes of each received message: the seam ingest will call, in order. */
function outcomes(source: NetworkServer, model: string, messages: Received[]): ScenarioOutcome[] {
  const seen = new Set<string>();

  return messages.map(({ topic, body }) => {
    const parsed = parseUplink(source, topic, body);
    if (!parsed.ok) return 'rejected-envelope';
    const decoded = decodeUplink(parsed.uplink, model);
    if (!decoded.ok) return 'rejected-frame';
    const key = uplinkDedupeKey(parsed.uplink);
    if (seen.has(key)) return 'duplicate';
    seen.add(key);

    return 'reading';
  });
}

describe('LoRaWAN simulator publishing through a real broker', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await startTestBroker(USERS);
  });
  afterAll(async () => {
    await broker.close();
  });

  it('publishes TTN and ChirpStack scenarios that parse back to the expected outcomes', async () => {
    const { client, received } = await collect(
      broker.url,
      { username: 'ingest', password: USERS.ingest },
      [UPLINK_SUBSCRIPTIONS.ttn, UPLINK_SUBSCRIPTIONS.chirpstack],
    );
    try {
      const ttn = deviceScenario('ttn', TTN_DEVICE, START_MS);
      const chirpstack = deviceScenario('chirpstack', CHIRPSTACK_DEVICE, START_MS);
      const abp = deviceScenario('chirpstack', ABP_DEVICE, START_MS);

      await Promise.all([
        publishSimMessages({ url: broker.url, username: 'ns-ttn', password: USERS['ns-ttn'] }, ttn),
        publishSimMessages(
          { url: broker.url, username: 'ns-chirpstack', password: USERS['ns-chirpstack'] },
          [...chirpstack, ...abp],
        ),
      ]);
      const total = ttn.length + chirpstack.length + abp.length;
      await waitFor(() => received.length === total);

      const byDevice = (devEui: string) =>
        received.filter((m) => m.topic.includes(devEui) || m.body.includes(devEui));
      const ttnDevice = received.filter((m) => m.topic.startsWith('v3/'));
      const expectations = (list: ScenarioMessage[]) => list.map((m) => m.expect);

      expect(outcomes('ttn', TTN_DEVICE.model, ttnDevice)).toEqual(expectations(ttn));
      expect(
        outcomes('chirpstack', CHIRPSTACK_DEVICE.model, byDevice(CHIRPSTACK_DEVICE.devEui)),
      ).toEqual(expectations(chirpstack));
      expect(outcomes('chirpstack', ABP_DEVICE.model, byDevice(ABP_DEVICE.devEui))).toEqual(
        expectations(abp),
      );
    } finally {
      await client.endAsync();
    }
  });

  it('carries the scenario cases it promises', () => {
    const ttn = deviceScenario('ttn', TTN_DEVICE, START_MS);
    const chirpstack = deviceScenario('chirpstack', CHIRPSTACK_DEVICE, START_MS);
    const count = (list: ScenarioMessage[], outcome: ScenarioOutcome) =>
      list.filter((m) => m.expect === outcome).length;

    expect(count(ttn, 'reading')).toBe(4);
    expect(count(ttn, 'duplicate')).toBe(1);
    expect(count(chirpstack, 'duplicate')).toBe(2);
    expect(count(ttn, 'rejected-frame')).toBe(2);
    expect(count(ttn, 'rejected-envelope')).toBe(2);
    const first = JSON.parse(ttn[0]!.body) as { uplink_message: Record<string, unknown> };
    expect(first.uplink_message.f_cnt).toBeUndefined();
    expect((first.uplink_message.rx_metadata as unknown[]).length).toBe(2);
  });

  it('writes ChirpStack object integers with a decimal point, as protobuf Struct does', () => {
    const server = new SimNetworkServer('chirpstack', SIM_GATEWAYS);
    const device = new SimLoraDevice(CHIRPSTACK_DEVICE);
    const { message } = server.uplink(device, { distanceMm: 900, batteryV: 3.5 }, START_MS, {
      decoded: { Distance: 900, Bat: 3.5, Sensor_flag: 1 },
    });
    const parsed = parseUplink('chirpstack', message.topic, message.body);

    expect(message.body).toContain('"object":{"Distance":900.0,"Bat":3.5,"Sensor_flag":1.0}');
    expect(parsed.ok && parsed.uplink.decodedObject).toEqual({
      Distance: 900,
      Bat: 3.5,
      Sensor_flag: 1,
    });
  });

  it('is refused by the broker with wrong credentials', async () => {
    await expect(
      publishSimMessages({ url: broker.url, username: 'ns-ttn', password: 'wrong' }, []),
    ).rejects.toThrow(/Bad username or password|Not authorized|bad user/i);
  });
});
