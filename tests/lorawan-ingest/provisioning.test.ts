import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, bin, smallRegistry, startTestApp, type TestApp } from '../helpers/test-app.js';
import { body, fixtureClock, INTEGRATIONS, loadFixture } from './lora-fleet.js';
import { connectNetworkServer } from './ns-client.js';

/** A model we have no codec for, read from the network server's decoded object instead. */
const MAPPINGS = {
  'acme-em400-object': {
    distanceMm: 'distance',
    batteryPct: 'battery',
    temperatureC: 'temperature',
    tilted: { path: 'position', equals: ['tilt'] },
  },
};

describe('registering LoRaWAN devices and decoding models without a codec', () => {
  let t: TestApp;
  const clock = fixtureClock();
  const registry = smallRegistry();
  registry.snapshot.bins.push(bin('deep-1', { mountHeightMm: 3_000, usableDepthMm: 2_500 }));
  registry.snapshot.bins.push(bin('deep-2', { mountHeightMm: 3_000, usableDepthMm: 2_500 }));

  beforeAll(async () => {
    t = await startTestApp(
      { lorawan: { integrations: INTEGRATIONS, objectMappings: MAPPINGS } },
      registry,
      { now: clock },
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const provision = (device: Record<string, unknown>) =>
    api(t, '/api/v1/devices', { method: 'POST', body: device });

  it('provisions by DevEUI in either case and refuses a second device with it', async () => {
    const res = await provision({
      id: 'em400-mapped',
      binId: 'deep-1',
      model: 'acme-em400-object',
      devEui: 'F1E2D3C4B5A60004',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ devEui: 'f1e2d3c4b5a60004', model: 'acme-em400-object' });

    const again = await provision({ id: 'other', binId: 'deep-2', devEui: 'f1e2d3c4b5a60004' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toMatch(/belongs to em400-mapped/);
  });

  it('refuses a LoRaWAN device whose model nothing can decode, naming the known ones', async () => {
    const res = await provision({
      id: 'mystery',
      binId: 'deep-2',
      model: 'acme-unknown-9000',
      devEui: 'f1e2d3c4b5a600aa',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(
      /no codec and no lorawan.objectMappings entry for model .*dragino-ldds20.*acme-em400-object/,
    );
  });

  it('reads a model without a codec from the network server decoded object', async () => {
    const chirpstack = await connectNetworkServer(t.mqttUrl, 'chirpstack');
    const fixture = loadFixture('chirpstack-uplink-decoded.json');
    await chirpstack.publishAsync(fixture.topic, body(fixture), { qos: 1 });

    // The same device sending a frame without a decoded object: nothing to map.
    const bare = structuredClone(fixture.payload) as Record<string, unknown>;
    delete bare.object;
    bare.fCnt = 513;
    await chirpstack.publishAsync(fixture.topic, JSON.stringify(bare), { qos: 1 });
    await chirpstack.endAsync();

    const readings = await t.app.context.store.readings('deep-1', 0, clock() + 1);
    expect(readings).toHaveLength(1);
    // ChirpStack wrote the vendor codec's output as floats: distance 2116.0, battery 92.0.
    expect(readings[0]).toMatchObject({
      deviceId: 'em400-mapped',
      distanceMm: 2116,
      batteryPct: 92,
      temperatureC: 25.7,
      fillPct: 35.4,
      quality: 'out-of-range',
    });
    const refused = t.app.context.quarantine.recent(5, 'em400-mapped');
    expect(refused.map((e) => e.code)).toEqual(['decode-failed']);
    expect(refused[0]!.reason).toMatch(/missing-object/);
  });

  it('imports and exports devices with their DevEUI and model', async () => {
    const doc = {
      devices: [
        {
          id: 'ldds20-imported',
          binId: 'deep-2',
          model: 'dragino-ldds20',
          secretHash: 'scrypt$00$00',
          devEui: 'F1E2D3C4B5A60002',
        },
      ],
    };
    expect((await api(t, '/api/v1/registry', { method: 'POST', body: doc })).status).toBe(200);
    const exported = (await api(t, '/api/v1/registry')).body as {
      devices: { id: string; devEui: string | null; model: string }[];
    };
    expect(exported.devices.find((d) => d.id === 'ldds20-imported')).toMatchObject({
      devEui: 'f1e2d3c4b5a60002',
      model: 'dragino-ldds20',
    });

    const ttn = await connectNetworkServer(t.mqttUrl, 'ttn');
    const fixture = loadFixture('ttn-uplink-raw.json');
    await ttn.publishAsync(fixture.topic, body(fixture), { qos: 1 });
    await ttn.endAsync();
    const readings = await t.app.context.store.readings('deep-2', 0, clock() + 1);
    expect(readings.map((r) => r.distanceMm)).toEqual([2799]);

    const clash = { devices: [{ ...doc.devices[0]!, id: 'ldds20-twin' }] };
    const refused = await api(t, '/api/v1/registry', { method: 'POST', body: clash });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(
      /devices\[0\]\.devEui: f1e2d3c4b5a60002 already belongs to device \\"ldds20-imported\\"/,
    );
  });
});
