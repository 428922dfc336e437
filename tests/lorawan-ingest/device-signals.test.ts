import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { binOf, fixtureClock, INTEGRATIONS, loadFixture, loraRegistry } from './lora-fleet.js';
import { connectNetworkServer } from './ns-client.js';

/** Byte 11 of a 17-byte DF702 frame: full alarm (high nibble), fire alarm (low nibble). */
const DF702_FULL_FIRE = 11;
/** Byte 12: tilt alarm (high nibble), low-battery alarm (low nibble). */
const DF702_TILT_BATTERY = 12;

interface OpenAlert {
  binId: string;
  kind: string;
  message: string;
}

describe('device alarms and battery volts, end to end through the broker', () => {
  let t: TestApp;
  let chirpstack: MqttClient;
  let ttn: MqttClient;
  const clock = fixtureClock();

  beforeAll(async () => {
    t = await startTestApp({ lorawan: { integrations: INTEGRATIONS } }, loraRegistry(), {
      now: clock,
    });
    chirpstack = await connectNetworkServer(t.mqttUrl, 'chirpstack');
    ttn = await connectNetworkServer(t.mqttUrl, 'ttn');
  });
  afterAll(async () => {
    await chirpstack.endAsync();
    await ttn.endAsync();
    await t.close();
  });

  const openAlerts = async (binId: string) => {
    const res = await api(t, '/api/v1/alerts?status=open');

    return (res.body as { alerts: OpenAlert[] }).alerts.filter((a) => a.binId === binId);
  };

  it("raises fire risk and tilt from the DF702's own alarms, and clears them after", async () => {
    const fixture = loadFixture('chirpstack-uplink-raw.json');
    const bytes = Buffer.from(fixture.payload.data as string, 'base64');
    // The published heartbeat reads 25 °C and 0°: only the alarm flags can raise anything.
    expect(bytes[8]).toBe(25);
    const uplink = (fCnt: number, minute: number, fireAndTilt: boolean) => {
      const frame = Buffer.from(bytes);
      frame[DF702_FULL_FIRE] = fireAndTilt ? 0x01 : 0x00;
      frame[DF702_TILT_BATTERY] = fireAndTilt ? 0x10 : 0x00;

      return JSON.stringify({
        ...fixture.payload,
        deduplicationId: `5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b60${fCnt}`,
        time: `2025-03-04T06:${minute}:55.004112+00:00`,
        fCnt,
        data: frame.toString('base64'),
      });
    };
    const bin = binOf({ deviceId: 'lora-df702' });

    await chirpstack.publishAsync(fixture.topic, uplink(80, 46, true), { qos: 1 });
    const raised = await openAlerts(bin);
    expect(raised.map((a) => [a.kind, a.message]).sort()).toEqual([
      ['fire-risk', 'sensor raised its fire alarm'],
      ['tilt', 'sensor raised its tilt alarm'],
    ]);

    await chirpstack.publishAsync(fixture.topic, uplink(81, 47, false), { qos: 1 });
    expect(await openAlerts(bin)).toEqual([]);
    const stored = await t.app.context.store.readings(bin, 0, clock() + 1);
    expect(stored.map((r) => r.seq)).toEqual([80, 81]);
  });

  it("stores the LDDS20's volts and judges them by Dragino's 2.7 V, not the default", async () => {
    const fixture = loadFixture('ttn-uplink-raw.json');
    const uplink = (fCnt: number, minute: number, millivolts: number) => {
      const frame = Buffer.from(
        (fixture.payload.uplink_message as { frm_payload: string }).frm_payload,
        'base64',
      );
      frame.writeUInt16BE(millivolts, 0);
      const message = structuredClone(fixture.payload) as {
        uplink_message: Record<string, unknown>;
      };
      Object.assign(message.uplink_message, {
        f_cnt: fCnt,
        frm_payload: frame.toString('base64'),
        received_at: `2025-03-04T06:${minute}:44.690118032Z`,
      });

      return JSON.stringify(message);
    };
    const bin = binOf({ deviceId: 'lora-ldds20' });

    // 3.0 V is under alerts.lowBatteryV (3.2 V) but fine for Dragino's ER26500 pack.
    await ttn.publishAsync(fixture.topic, uplink(400, 21, 3_000), { qos: 1 });
    expect(await openAlerts(bin)).toEqual([]);

    await ttn.publishAsync(fixture.topic, uplink(401, 22, 2_650), { qos: 1 });
    expect(await openAlerts(bin)).toMatchObject([
      { kind: 'low-battery', message: 'battery 2.65 V (replace at 2.7 V)' },
    ]);
    const stored = await t.app.context.store.readings(bin, 0, clock() + 1);
    expect(stored.map((r) => [r.batteryV, r.quality])).toEqual([
      [3, 'ok'],
      [2.65, 'low-battery'],
    ]);
    const from = '2025-03-04T06:00:00Z';
    const res = await api(
      t,
      `/api/v1/bins/${bin}/readings?from=${from}&to=${from.replace('06', '08')}`,
    );
    expect((res.body as { readings: object[] }).readings).toMatchObject([
      { batteryV: 3 },
      { batteryV: 2.65 },
    ]);
  });
});
