import type { ChildProcess } from 'node:child_process';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type InfluxTelemetryStore,
  isInfluxStore,
} from '../../src/storage/influx/influx-telemetry-store.js';
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

function store(t: TestApp): InfluxTelemetryStore {
  const { store } = t.app.context;
  if (!isInfluxStore(store)) throw new Error(`expected the InfluxDB store, got ${store.kind}`);

  return store;
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

  it('serves through an influxd outage, spools, alerts, stores every reading once', async () => {
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

  it('writes alert changes and collections to InfluxDB, spooled while it is down', async () => {
    await influxd.createDatabase('app_events');
    let t: TestApp | null = null;
    let device: MqttClient | null = null;
    try {
      t = await startTestApp(
        { store: 'influx', influx: influxConfig('app_events') },
        smallRegistry(1),
      );
      const app = t;
      device = await connectDevice(app.mqttUrl, 'dev-bin-1', 'secret-bin-1');
      const now = Date.now();
      const send = async (seq: number, fill: number) => {
        const reading = { seq, ts: now - (20 - seq) * 300_000, fill_pct: fill };
        await device!.publishAsync(TOPIC, JSON.stringify(reading), { qos: 1 });
      };

      for (const [seq, fill] of [40, 55, 70, 85, 90, 92].entries()) await send(seq, fill);
      const full = await until(async () => {
        const open = await body(app, '/api/v1/alerts?status=open');

        return (open.alerts as { id: number; kind: string }[]).find((a) => a.kind === 'full');
      });

      // From here on InfluxDB is away: the events must wait in the spool with the readings.
      await influxd.stop();
      expect((await api(app, `/api/v1/alerts/${full.id}/ack`, { method: 'POST' })).status).toBe(
        200,
      );
      for (const [i, fill] of [5, 6, 7, 8].entries()) await send(6 + i, fill);
      await until(async () => {
        const all = await body(app, '/api/v1/alerts?status=resolved');

        return (all.alerts as { id: number }[]).some((a) => a.id === full.id);
      });
      const crew = await api(app, '/api/v1/collections', {
        method: 'POST',
        body: { crewId: 'crew-1', binId: 'bin-1', status: 'collected', clientRef: 'hp-000001' },
      });
      expect(crew.status).toBe(201);
      await until(async () => {
        const health = await body(app, '/healthz');

        // Four readings, then at least the acknowledgement, the resolution of `full`, the
        // emptying and the crew's confirmation (other rules may add changes of their own).
        return ((health.store as { spoolDepth?: number }).spoolDepth ?? 0) >= 4 + 4;
      }, 30_000);

      await influxd.start();
      const alerts = await until(async () => {
        const [result] = await influxd.query(
          `SELECT "active", "alert_id", "message", "value", "area", "change", "kind" ` +
            `FROM "alerts" WHERE "bin" = 'bin-1' AND "kind" = 'full'`,
          'app_events',
        );
        const rows = result?.series?.[0]?.values ?? [];

        return rows.length === 3 ? rows : null;
      }, 30_000);
      // Rule changes carry the reading's time, an acknowledgement the clock's: sort by change.
      const changes = alerts.map((r) => [r[1], r[2], r[5], r[6], r[7]]);
      expect(changes.sort((a, b) => String(a[3]).localeCompare(String(b[3])))).toEqual([
        [1, full.id, 'ciruas', 'acknowledged', 'full'],
        [1, full.id, 'ciruas', 'opened', 'full'],
        [0, full.id, 'ciruas', 'resolved', 'full'],
      ]);
      expect(alerts[0]![3]).toMatch(/\d/);

      const [collections] = await influxd.query(
        `SELECT "pickups", "fill_before", "fill_after", "crew", "source", "area" ` +
          `FROM "collections" WHERE "bin" = 'bin-1'`,
        'app_events',
      );
      const rows = (collections?.series?.[0]?.values ?? []).map((r) => r.slice(1));
      expect(rows).toEqual([
        [1, 92, 5, null, 'sensor', 'ciruas'],
        [1, null, null, 'crew-1', 'crew', 'ciruas'],
      ]);
      expect(store(app).spoolStats().points).toBe(0);
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
