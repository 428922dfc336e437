import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  sendReading,
  smallRegistry,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const telemetry = (deviceId: string) => `pesanibu/v1/devices/${deviceId}/telemetry`;

interface Bucket {
  start: string;
  count: number;
  meanFillPct: number;
  minFillPct: number;
  maxFillPct: number;
}

describe('area trend and MQTT over WebSocket on the real app', () => {
  let t: TestApp;

  beforeAll(async () => {
    const registry = smallRegistry(3);
    // bin-3 stands in another kecamatan: its readings must stay out of Ciruas's trend.
    registry.snapshot.areas.push({
      id: 'kragilan',
      name: 'Kragilan',
      code: '36.04.02',
      lat: -6.15,
      lon: 106.3,
      population: 1,
    });
    registry.snapshot.bins[2]!.areaId = 'kragilan';
    t = await startTestApp({}, registry);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives an area’s mean fill per bucket, each bin weighing the same', async () => {
    // Two whole hours, well in the past, on hour boundaries.
    const h0 = Math.floor((Date.now() - 4 * HOUR) / HOUR) * HOUR;
    const sends: [string, number, number][] = [
      ['dev-bin-1', h0 + 10 * MIN, 30],
      ['dev-bin-1', h0 + 20 * MIN, 32],
      ['dev-bin-2', h0 + 15 * MIN, 60],
      ['dev-bin-3', h0 + 15 * MIN, 99],
      ['dev-bin-1', h0 + HOUR + 10 * MIN, 34],
    ];
    const seqs = new Map<string, number>();
    for (const [deviceId, ts, fill] of sends) {
      const seq = (seqs.get(deviceId) ?? 0) + 1;
      seqs.set(deviceId, seq);
      await sendReading(t.mqttUrl, deviceId, { seq, ts, fill_pct: fill });
    }

    const from = new Date(h0).toISOString();
    const to = new Date(h0 + 2 * HOUR).toISOString();
    const res = await api(t, `/api/v1/areas/ciruas/trend?from=${from}&to=${to}&every=1h`);
    expect(res.status).toBe(200);
    const body = res.body as { areaId: string; every: string; buckets: Bucket[] };
    expect(body).toMatchObject({ areaId: 'ciruas', every: '1h' });
    expect(body.buckets).toEqual([
      // bin-1 means 31, bin-2 60: the area mean is 45.5, not the 40.7 of the three readings.
      { start: from, count: 3, meanFillPct: 45.5, minFillPct: 30, maxFillPct: 60 },
      {
        start: new Date(h0 + HOUR).toISOString(),
        count: 1,
        meanFillPct: 34,
        minFillPct: 34,
        maxFillPct: 34,
      },
    ]);

    const other = await api(t, `/api/v1/areas/kragilan/trend?from=${from}&to=${to}&every=1h`);
    expect((other.body as { buckets: Bucket[] }).buckets.map((b) => b.meanFillPct)).toEqual([99]);
    const unknown = await api(t, '/api/v1/areas/atlantis/trend');
    expect(unknown.status).toBe(404);
  });

  it('stores a reading a device publishes over ws://…/mqtt on the HTTP port', async () => {
    const url = `ws://127.0.0.1:${t.httpPort}${t.app.config.mqtt.wsPath}`;
    const device = await mqtt.connectAsync(url, {
      clientId: 'dev-bin-2',
      username: 'dev-bin-2',
      password: 'secret-bin-2',
      reconnectPeriod: 0,
    });
    const ts = Date.now() - MIN;
    await device.publishAsync(
      telemetry('dev-bin-2'),
      JSON.stringify({ seq: 50, ts, fill_pct: 61 }),
      {
        qos: 1,
      },
    );
    await device.endAsync();

    // Acknowledged over WebSocket: already in the store, and served by the API.
    const stored = await t.app.context.store.readings('bin-2', ts, ts + 1);
    expect(stored.map((r) => [r.fillPct, r.deviceId])).toEqual([[61, 'dev-bin-2']]);
    const bin = await api(t, '/api/v1/bins/bin-2');
    expect((bin.body as { state: { fillPct: number } }).state.fillPct).toBe(61);
  });

  it('holds WebSocket clients to the same authentication', async () => {
    const url = `ws://127.0.0.1:${t.httpPort}${t.app.config.mqtt.wsPath}`;
    await expect(
      mqtt.connectAsync(url, {
        clientId: 'dev-bin-2',
        username: 'dev-bin-2',
        password: 'wrong',
        reconnectPeriod: 0,
      }),
    ).rejects.toThrow();
  });
});
