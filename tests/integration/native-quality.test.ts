import { rmSync } from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app/create-app.js';
import {
  api,
  connectDevice,
  sendReading,
  startTestApp,
  type TestApp,
} from '../helpers/test-app.js';

const topic = (id: string) => `pesanibu/v1/devices/${id}/telemetry`;
const MIN = 60_000;

describe('the quality gate on native MQTT readings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ alerts: { lowBatteryV: 3.2 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const send = async (deviceId: string, payload: Record<string, unknown>) => {
    await sendReading(t.mqttUrl, deviceId, payload);
    const readings = await t.app.context.store.readings(deviceId.slice(4), 0, Date.now() + MIN);

    return readings.at(-1)!;
  };

  it('stores 0 mm as no-echo at the last trusted level, never as 100 % full', async () => {
    const now = Date.now();
    // (1300 - 700) / 1100 = 54.5 % of a 660 L wheelie bin.
    expect(await send('dev-bin-1', { seq: 1, ts: now - 30 * MIN, distance_mm: 700 })).toMatchObject(
      { quality: 'ok', fillPct: 54.5 },
    );

    const silent = await send('dev-bin-1', { seq: 2, ts: now - 15 * MIN, distance_mm: 0 });
    expect(silent).toMatchObject({ quality: 'no-echo', fillPct: 54.5 });

    const res = await api(t, '/api/v1/alerts?status=open');
    const kinds = (res.body as { alerts: { binId: string; kind: string }[] }).alerts
      .filter((a) => a.binId === 'bin-1')
      .map((a) => a.kind);
    expect(kinds).toEqual(['verify']);
    const metrics = (await api(t, '/metrics', { token: null })).body as string;
    expect(metrics).toMatch(/pesan_ingest_quality_total\{quality="no-echo"\} 1/);
  });

  it('judges a native battery_v against alerts.lowBatteryV (3.2 V here)', async () => {
    const now = Date.now();
    const fine = await send('dev-bin-3', {
      seq: 1,
      ts: now - 20 * MIN,
      fill_pct: 30,
      battery_v: 3.6,
    });
    expect(fine).toMatchObject({ quality: 'ok', batteryV: 3.6 });

    const low = await send('dev-bin-3', {
      seq: 2,
      ts: now - 10 * MIN,
      fill_pct: 31,
      battery_v: 2.9,
    });
    expect(low).toMatchObject({ quality: 'low-battery', batteryV: 2.9 });
    expect(low.qualityReason).toContain('2.9 V');
  });
});

describe('the quality gate across a restart', () => {
  it('remembers each bin, so a jump right after the restart is still a spike', async () => {
    const first = await startTestApp();
    const now = Date.now();
    const device = await connectDevice(first.mqttUrl, 'dev-bin-2', 'secret-bin-2');
    for (const [seq, minutes] of [
      [1, 60],
      [2, 45],
      [3, 30],
    ] as const) {
      const payload = JSON.stringify({ seq, ts: now - minutes * MIN, fill_pct: 20 });
      await device.publishAsync(topic('dev-bin-2'), payload, { qos: 1 });
    }
    await device.endAsync();
    await first.app.stop();

    let again: App | null = null;
    try {
      again = await createApp(first.app.config, { logger: pino({ level: 'silent' }) });
      const { mqttPort } = await again.listen();
      const url = `mqtt://127.0.0.1:${mqttPort}`;
      const after = await connectDevice(url, 'dev-bin-2', 'secret-bin-2');
      const jump = JSON.stringify({ seq: 4, ts: now - 15 * MIN, fill_pct: 95 });
      await after.publishAsync(topic('dev-bin-2'), jump, { qos: 1 });
      await after.endAsync();

      const readings = await again.context.store.readings('bin-2', 0, now);
      expect(readings.map((r) => r.quality)).toEqual(['ok', 'ok', 'ok', 'spike']);
    } finally {
      await again?.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});

describe('battery volts on native MQTT readings', () => {
  it('stores battery_v, serves it, and raises low battery at alerts.lowBatteryV', async () => {
    const t = await startTestApp({ alerts: { lowBatteryV: 3.3 } });
    try {
      const now = Date.now();
      await sendReading(t.mqttUrl, 'dev-bin-3', {
        seq: 1,
        ts: now - MIN,
        distance_mm: 900,
        battery_v: 3.25,
      });

      const from = new Date(now - 10 * MIN).toISOString();
      const res = await api(t, `/api/v1/bins/bin-3/readings?from=${from}`);
      const readings = (res.body as { readings: Record<string, unknown>[] }).readings;
      expect(readings).toMatchObject([{ batteryPct: null, batteryV: 3.25 }]);
      const state = (await api(t, '/api/v1/bins/bin-3')).body as { state: object };
      expect(state.state).toMatchObject({ batteryV: 3.25 });

      const alerts = (await api(t, '/api/v1/alerts?status=open')).body as {
        alerts: { binId: string; kind: string; message: string }[];
      };
      expect(alerts.alerts.filter((a) => a.binId === 'bin-3')).toMatchObject([
        { kind: 'low-battery', message: 'battery 3.25 V (replace at 3.3 V)' },
      ]);
    } finally {
      await t.close();
    }
  });
});
