import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectFixturesStored } from './expect-fixtures.js';
import {
  binOf,
  body,
  expectedFill,
  FIXTURE_CASES,
  fixtureClock,
  INTEGRATIONS,
  loadFixture,
  loraRegistry,
} from './lora-fleet.js';
import { closed, connectNetworkServer } from './ns-client.js';

describe('network servers publishing into our broker with their own accounts', () => {
  let t: TestApp;
  let ttn: MqttClient;
  let chirpstack: MqttClient;
  const clock = fixtureClock();

  beforeAll(async () => {
    t = await startTestApp({ lorawan: { integrations: INTEGRATIONS } }, loraRegistry(), {
      now: clock,
    });
    ttn = await connectNetworkServer(t.mqttUrl, 'ttn');
    chirpstack = await connectNetworkServer(t.mqttUrl, 'chirpstack');
  });
  afterAll(async () => {
    await ttn.endAsync();
    await chirpstack.endAsync();
    await t.close();
  });

  const readingsOf = (binId: string) => t.app.context.store.readings(binId, 0, clock() + 1);

  it('stores every network-server fixture with the values its vendor decoder gives', async () => {
    for (const c of FIXTURE_CASES) {
      const fixture = loadFixture(c.file);
      const client = c.server === 'ttn' ? ttn : chirpstack;
      // QoS 1: the PUBACK comes only once the reading is durable, so no waiting below.
      await client.publishAsync(fixture.topic, body(fixture), { qos: 1 });
    }

    await expectFixturesStored(t.app.context.store, clock() + 1);
    const tilted = (await readingsOf('bin-lora-em310'))[0]!;
    expect(tilted.qualityReason).toMatch(/tilted/);

    const state = await api(t, `/api/v1/bins/${binOf(FIXTURE_CASES[2]!)}`);
    expect((state.body as { state: { fillPct: number } }).state.fillPct).toBe(expectedFill(1234));
  });

  it('stores a frame once however often it arrives', async () => {
    const mbx = loadFixture('ttn-uplink-two-gateways.json');
    await ttn.publishAsync(mbx.topic, body(mbx), { qos: 1, dup: true });

    // ChirpStack publishing the same frame again under a new deduplication id, 150 ms later.
    const wilsen = loadFixture('chirpstack-uplink-two-gateways.json');
    const again = structuredClone(wilsen.payload) as {
      deduplicationId: string;
      time: string;
      rxInfo: unknown[];
    };
    again.deduplicationId = '5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b5c99';
    again.time = '2025-03-04T06:50:32.027640+00:00';
    again.rxInfo = again.rxInfo.slice(1);
    await chirpstack.publishAsync(wilsen.topic, JSON.stringify(again), { qos: 1 });

    expect(await readingsOf('bin-lora-mbx')).toHaveLength(1);
    const stored = await readingsOf('bin-lora-wilsen');
    expect(stored).toHaveLength(1);
    // The first copy, heard by both gateways, is the one kept.
    expect(stored[0]).toMatchObject({ gateways: 2, snr: 7.5 });

    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_ingest_duplicates_total 2/);
  });

  it('stores once two copies heard 200 ms apart across a dedupe time-bucket edge', async () => {
    // ChirpStack republishing frame 2211 under a new deduplication id; 06:55:00 is a bucket
    // edge, so the two copies' own keys differ and only the neighbour check merges them.
    const wilsen = loadFixture('chirpstack-uplink-two-gateways.json');
    const copy = (id: string, time: string) => {
      const message = structuredClone(wilsen.payload) as Record<string, unknown>;
      Object.assign(message, { deduplicationId: id, time, fCnt: 2211 });

      return JSON.stringify(message);
    };
    const before = copy('5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b5d01', '2025-03-04T06:54:59.900Z');
    const after = copy('5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b5d02', '2025-03-04T06:55:00.100Z');
    await chirpstack.publishAsync(wilsen.topic, before, { qos: 1 });
    await chirpstack.publishAsync(wilsen.topic, after, { qos: 1 });

    const stored = await readingsOf('bin-lora-wilsen');
    expect(stored.map((r) => [r.seq, r.ts])).toEqual([
      [2210, Date.parse('2025-03-04T06:50:31.877Z')],
      [2211, Date.parse('2025-03-04T06:54:59.900Z')],
    ]);
    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_ingest_duplicates_total 3/);
  });

  it('quarantines an uplink from an unknown DevEUI with the reason, and counts it', async () => {
    const fixture = loadFixture('chirpstack-uplink-raw.json');
    const stranger = 'f1e2d3c4b5a600ff';
    const payload = structuredClone(fixture.payload) as { deviceInfo: { devEui: string } };
    payload.deviceInfo.devEui = stranger;
    const topic = fixture.topic.replace('f1e2d3c4b5a60005', stranger);
    await chirpstack.publishAsync(topic, JSON.stringify(payload), { qos: 1 });

    const res = await api(t, `/api/v1/quarantine?deviceId=${stranger}`);
    const entries = (res.body as { entries: { code: string; reason: string; source: string }[] })
      .entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ code: 'unknown-lorawan-device', source: 'chirpstack' });
    expect(entries[0]!.reason).toMatch(/DevEUI f1e2d3c4b5a600ff.*register it with this devEui/);

    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_ingest_rejected_total\{reason="unknown-lorawan-device"\} 1/);
    expect(metrics).toMatch(
      /pesan_lorawan_uplinks_total\{server="chirpstack",via="ns-chirpstack",outcome="rejected"\} 1/,
    );
  });

  it('refuses broken frames with reasons and keeps serving the other devices', async () => {
    const raw = loadFixture('ttn-uplink-raw.json');
    const variant = (change: (m: Record<string, unknown>) => void) => {
      const payload = structuredClone(raw.payload) as { uplink_message: Record<string, unknown> };
      change(payload.uplink_message);

      return JSON.stringify(payload);
    };
    const broken = [
      // The LDDS20 frame without its last byte, then on a port the model never uses.
      variant((m) => {
        m.frm_payload = 'DTsK7wAAAA==';
        m.f_cnt = 378;
      }),
      variant((m) => {
        m.f_port = 42;
        m.f_cnt = 379;
      }),
      variant((m) => {
        m.frm_payload = '*not base64*';
      }),
      '{"end_device_ids":',
    ];
    for (const message of broken) await ttn.publishAsync(raw.topic, message, { qos: 1 });

    const other = loadFixture('chirpstack-uplink-raw.json');
    const next = structuredClone(other.payload) as Record<string, unknown>;
    next.fCnt = 78;
    next.time = '2025-03-04T06:58:55.004112+00:00';
    await chirpstack.publishAsync(other.topic, JSON.stringify(next), { qos: 1 });

    expect(ttn.connected).toBe(true);
    expect(await readingsOf('bin-lora-ldds20')).toHaveLength(1);
    expect((await readingsOf('bin-lora-df702')).map((r) => r.seq)).toEqual([77, 78]);

    const entries = t.app.context.quarantine
      .recent(50)
      .filter((e) => e.topic === raw.topic)
      .reverse();
    expect(entries.map((e) => e.code)).toEqual([
      'decode-failed',
      'decode-failed',
      'bad-envelope',
      'bad-envelope',
    ]);
    expect(entries[0]!.reason).toMatch(/dragino-ldds20, FPort 2, (wrong-length|truncated)/);
    expect(entries[1]!.reason).toMatch(/FPort 42, unknown-port/);
    expect(entries[2]!.reason).toMatch(/bad-envelope: .*frm_payload: must be standard base64/);
    expect(entries[3]!.reason).toMatch(/not-json/);
    expect(entries[0]!.deviceId).toBe('lora-ldds20');

    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_ingest_rejected_total\{reason="decode-failed"\} 2/);
    expect(metrics).toMatch(/pesan_ingest_rejected_total\{reason="bad-envelope"\} 2/);
  });

  it('refuses a frame whose decoded values cannot be true (battery 255 %)', async () => {
    const fixture = loadFixture('ttn-uplink-decoded.json');
    const payload = structuredClone(fixture.payload) as { uplink_message: Record<string, unknown> };
    // Milesight EM310-UDL: battery record 01 75 FF (255 %), distance record 03 82 78 05 (1400).
    payload.uplink_message.frm_payload = Buffer.from('0175FF03827805', 'hex').toString('base64');
    payload.uplink_message.f_cnt = 1900;
    delete payload.uplink_message.decoded_payload;
    const before = (await readingsOf('bin-lora-em310')).length;
    await ttn.publishAsync(fixture.topic, JSON.stringify(payload), { qos: 1 });

    const entry = t.app.context.quarantine.recent(5).find((e) => e.deviceId === 'lora-em310');
    expect(entry?.code).toBe('decode-failed');
    expect(entry?.reason).toContain('battery_pct: must be between 0 and 100 (got 255)');
    expect(await readingsOf('bin-lora-em310')).toHaveLength(before);
  });

  it('disconnects an account publishing outside its uplink topics, storing nothing', async () => {
    const fixture = loadFixture('ttn-uplink-raw.json');
    const foreign = [
      fixture.topic.replace('pesan-ibu-bins@ttn', 'other-app@ttn'),
      fixture.topic.replace(/\/up$/, '/join'),
      'pesanibu/v1/devices/dev-bin-1/telemetry',
      loadFixture('chirpstack-uplink-raw.json').topic,
    ];
    for (const topic of foreign) {
      const intruder = await connectNetworkServer(t.mqttUrl, 'ttn');
      const gone = closed(intruder);
      intruder.publish(topic, body(fixture), { qos: 1 });
      await gone;
      intruder.end(true);
    }
    expect(await readingsOf('bin-1')).toHaveLength(0);
    expect(await readingsOf('bin-lora-ldds20')).toHaveLength(1);

    await expect(connectNetworkServer(t.mqttUrl, 'ttn', 'wrong-password')).rejects.toThrow();
  });
});
