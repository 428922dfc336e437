import type { ChildProcess } from 'node:child_process';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INFLUX_PASSWORD,
  INFLUX_USER,
  type InfluxdHandle,
  influxdAvailable,
  startInfluxd,
} from '../helpers/influxd.js';
import { seedRegistryFile, serveProcess } from '../helpers/serve-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import {
  api,
  connectDevice,
  smallRegistry,
  startTestApp,
  type TestApp,
  until,
} from '../helpers/test-app.js';

const TOPIC = 'pesanibu/v1/devices/dev-bin-1/telemetry';

/** Publishes readings seq from..to-1 at QoS 1, a few hundred in flight; resolves once all acked. */
async function publishRun(device: MqttClient, from: number, to: number, now: number) {
  const chunk = 200;
  for (let start = from; start < to; start += chunk) {
    const sends = [];
    for (let seq = start; seq < Math.min(to, start + chunk); seq++) {
      // One reading a second, ending now: all inside the accepted time window.
      const body = { seq, ts: now - (to - seq) * 1_000, fill_pct: 20 + (seq % 50) };
      sends.push(device.publishAsync(TOPIC, JSON.stringify(body), { qos: 1 }));
    }
    await Promise.all(sends);
  }
}

/** A JSON API answer's body (these routes always answer JSON). */
async function body(t: TestApp, path: string): Promise<Record<string, unknown>> {
  const answer = await api(t, path);
  if (typeof answer.body === 'string') throw new Error(`${path}: not JSON: ${answer.body}`);

  return answer.body;
}

async function storedSeqs(influxd: InfluxdHandle, database: string): Promise<number[]> {
  const [result] = await influxd.query(`SELECT seq, fill_pct FROM readings`, database);
  const rows = result?.series?.[0]?.values ?? [];

  return rows.map((row) => Number(row[1]));
}

describe.skipIf(!influxdAvailable)('the app on InfluxDB (PESAN_STORE=influx)', () => {
  let influxd: InfluxdHandle;
  const temp = makeTempDir('influx-app');

  beforeAll(async () => {
    influxd = await startInfluxd();
  });

  afterAll(async () => {
    await influxd?.dispose();
    temp.remove();
  });

  const influxConfig = (database: string) => ({
    url: influxd.url,
    username: INFLUX_USER,
    password: INFLUX_PASSWORD,
    bucket: database,
    spoolMaxMb: 1,
    maxRetryDelayMs: 500,
  });

  it('serves while influxd is down, spools, alerts, and delivers every reading once', async () => {
    await influxd.createDatabase('app_outage');
    let t: TestApp | null = null;
    let device: MqttClient | null = null;
    try {
      t = await startTestApp(
        { store: 'influx', influx: influxConfig('app_outage') },
        smallRegistry(1),
      );
      const app = t;
      device = await connectDevice(app.mqttUrl, 'dev-bin-1', 'secret-bin-1');
      const now = Date.now();

      await publishRun(device, 0, 50, now - 10_000_000);
      await until(async () => (await storedSeqs(influxd, 'app_outage')).length === 50, 15_000);
      expect(await body(app, '/healthz')).toMatchObject({ status: 'ok' });

      // Down mid-stream: every PUBACK from now on means "in the local spool". About 240 bytes
      // a reading: 3,800 take the 1 MiB spool past its 80 % warning but not to its bound.
      await influxd.stop();
      await publishRun(device, 50, 3_850, now);
      const degraded = await body(app, '/healthz');
      expect(degraded).toMatchObject({ status: 'degraded', store: { kind: 'influx' } });
      expect((degraded.store as { spoolDepth: number }).spoolDepth).toBeGreaterThan(0);
      const metrics = String((await api(app, '/metrics')).body);
      expect(metrics).toMatch(/pesan_influx_spool_bytes \d{5,}/);
      const spoolAlert = await until(async () => {
        const open = await body(app, '/api/v1/alerts?status=open');
        const list = open.alerts as { binId: string; kind: string }[];

        return list.find((a) => a.kind === 'store-spool' && a.binId === 'system');
      });
      expect(spoolAlert).toBeTruthy();

      await influxd.start();
      await until(async () => (await storedSeqs(influxd, 'app_outage')).length >= 3_850, 30_000);
      const seqs = await storedSeqs(influxd, 'app_outage');
      expect(seqs).toHaveLength(3_850);
      expect(new Set(seqs).size).toBe(3_850);
      await until(async () => (await body(app, '/healthz')).status === 'ok', 10_000);
      await until(async () => {
        const open = await body(app, '/api/v1/alerts?status=open');

        return !(open.alerts as { kind: string }[]).some((a) => a.kind === 'store-spool');
      });

      // The API reads back from InfluxDB.
      const from = new Date(now - 10_100_000).toISOString();
      const to = new Date(now + 1_000).toISOString();
      const readings = await body(app, `/api/v1/bins/bin-1/readings?from=${from}&to=${to}`);
      expect((readings.readings as unknown[]).length).toBe(3_850);
    } finally {
      device?.end(true);
      await t?.close();
    }
  }, 120_000);

  it('replays the spool of a backend killed with SIGKILL once influxd is back', async () => {
    await influxd.createDatabase('app_crash');
    const dataDir = makeTempDir('influx-crash');
    const env = {
      PESAN_STORE: 'influx',
      PESAN_INFLUX_URL: influxd.url,
      PESAN_INFLUX_USERNAME: INFLUX_USER,
      PESAN_INFLUX_PASSWORD: INFLUX_PASSWORD,
      PESAN_INFLUX_BUCKET: 'app_crash',
      PESAN_INFLUX_MAX_RETRY_DELAY_MS: '500',
      PESAN_LOG_LEVEL: 'warn',
    };
    const children: ChildProcess[] = [];
    try {
      seedRegistryFile(dataDir.path);
      await influxd.stop();

      const first = await serveProcess(dataDir.path, env);
      children.push(first.child);
      const device = await connectDevice(
        `mqtt://127.0.0.1:${first.mqttPort}`,
        'dev-bin-1',
        'secret-bin-1',
      );
      device.on('error', () => {});
      await publishRun(device, 0, 500, Date.now());
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      device.end(true);

      await influxd.start();
      const second = await serveProcess(dataDir.path, env);
      children.push(second.child);
      await until(async () => (await storedSeqs(influxd, 'app_crash')).length >= 500, 30_000);
      const seqs = await storedSeqs(influxd, 'app_crash');
      expect(seqs).toHaveLength(500);
      expect(new Set(seqs).size).toBe(500);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      dataDir.remove();
    }
  }, 120_000);
});
