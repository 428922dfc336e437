import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectDevice, startTestApp, type TestApp, until } from '../helpers/test-app.js';

const topic = (id: string) => `pesanibu/v1/devices/${id}/telemetry`;

describe('MQTT ingestion through the real broker', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a QoS 1 reading before acknowledging it, and serves it over HTTP', async () => {
    const device = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
    // Distance 400 mm on a 1300 mm mount with 1100 mm usable: (1300-400)/1100 = 81.8 %.
    await device.publishAsync(topic('dev-bin-1'), JSON.stringify({ seq: 1, distance_mm: 400 }), {
      qos: 1,
    });

    // The PUBACK has arrived: the reading must already be in the store, no waiting.
    const latest = await t.app.context.store.latestByBin();
    expect(latest.find((l) => l.binId === 'bin-1')?.fillPct).toBeCloseTo(81.8, 1);

    const res = await api(t, '/api/v1/bins/bin-1');
    expect(res.status).toBe(200);
    const state = (res.body as { state: { fillPct: number } }).state;
    expect(state.fillPct).toBeCloseTo(81.8, 1);

    const alerts = await api(t, '/api/v1/alerts?status=open');
    const kinds = (alerts.body as { alerts: { binId: string; kind: string }[] }).alerts
      .filter((a) => a.binId === 'bin-1')
      .map((a) => a.kind);
    expect(kinds).toContain('full');
    await device.endAsync();
  });

  it('stores a redelivered reading once', async () => {
    const device = await connectDevice(t.mqttUrl, 'dev-bin-2', 'secret-bin-2');
    const payload = JSON.stringify({ seq: 7, fill_pct: 20, ts: Date.now() - 1_000 });
    await device.publishAsync(topic('dev-bin-2'), payload, { qos: 1 });
    await device.publishAsync(topic('dev-bin-2'), payload, { qos: 1, dup: true });

    const readings = await t.app.context.store.readings('bin-2', 0, Date.now() + 1);
    expect(readings).toHaveLength(1);
    await device.endAsync();
  });

  it('refuses bad payloads with a reason, quarantines them, and keeps serving others', async () => {
    const bad = await connectDevice(t.mqttUrl, 'dev-bin-3', 'secret-bin-3');
    const good = await connectDevice(t.mqttUrl, 'dev-bin-2', 'secret-bin-2');
    const cases: [string | Buffer, string][] = [
      ['not json', 'not-json'],
      [JSON.stringify({ fill_pct: 'full' }), 'invalid-payload'],
      [JSON.stringify({ fill_pct: 140 }), 'invalid-payload'],
      [JSON.stringify({ distance_mm: 300, fill_pct: 20 }), 'invalid-payload'],
      [JSON.stringify({ fill_pct: 10, battery_pct: -3 }), 'invalid-payload'],
      [JSON.stringify({ fill_pct: 10, ts: Date.now() + 86_400_000 }), 'timestamp-future'],
      [JSON.stringify({ fill_pct: 10, ts: '2026-01-01T00:00:00' }), 'invalid-payload'],
      [Buffer.alloc(5_000, 0x20), 'payload-too-large'],
    ];
    for (const [payload, _code] of cases) {
      await bad.publishAsync(topic('dev-bin-3'), payload, { qos: 1 });
    }
    await good.publishAsync(topic('dev-bin-2'), JSON.stringify({ seq: 8, fill_pct: 30 }), {
      qos: 1,
    });

    const res = await api(t, '/api/v1/quarantine?deviceId=dev-bin-3');
    const entries = (res.body as { entries: { code: string; reason: string }[] }).entries;
    expect(entries.map((e) => e.code).sort()).toEqual(cases.map(([, code]) => code).sort());
    const reasons = entries.map((e) => e.reason).join('\n');
    expect(reasons).toMatch(/fill_pct: must be between 0 and 100/);
    expect(reasons).toMatch(/battery_pct: must be between 0 and 100/);
    expect(reasons).toMatch(/exactly one of distance_mm and fill_pct/);

    const readings = await t.app.context.store.readings('bin-3', 0, Date.now() + 1);
    expect(readings).toHaveLength(0);
    const goodReadings = await t.app.context.store.readings('bin-2', 0, Date.now() + 1);
    expect(goodReadings.map((r) => r.fillPct)).toContain(30);

    const metrics = await api(t, '/metrics', { token: null });
    expect(metrics.body as string).toMatch(/pesan_ingest_rejected_total\{reason="not-json"\} 1/);
    await bad.endAsync();
    await good.endAsync();
  });
});

describe('MQTT authentication and authorisation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a wrong password, an unknown device and anonymous clients', async () => {
    await expect(connectDevice(t.mqttUrl, 'dev-bin-1', 'wrong')).rejects.toThrow();
    await expect(connectDevice(t.mqttUrl, 'nobody', 'x')).rejects.toThrow();
    await expect(connectDevice(t.mqttUrl, undefined, undefined, 'anon-1')).rejects.toThrow();
  });

  it('refuses a client id that is not the device id (no session takeover)', async () => {
    const victim = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
    await expect(
      connectDevice(t.mqttUrl, 'dev-bin-2', 'secret-bin-2', 'dev-bin-1'),
    ).rejects.toThrow();
    expect(victim.connected).toBe(true);
    await victim.endAsync();
  });

  it('disconnects a device publishing under another device or to $SYS', async () => {
    for (const target of [topic('dev-bin-2'), '$SYS/broker/uptime']) {
      const device = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
      const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
      device.publish(target, JSON.stringify({ fill_pct: 50 }), { qos: 1 });
      await closed;
      device.end(true);
    }
    const readings = await t.app.context.store.readings('bin-2', 0, Date.now() + 1);
    expect(readings).toHaveLength(0);
  });

  it('refuses wildcard, $SYS and foreign subscriptions, allows its own config topic', async () => {
    const device = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
    const denied = [
      '#',
      'pesanibu/v1/devices/+/telemetry',
      '$SYS/#',
      'pesanibu/v1/devices/dev-bin-2/config',
    ];
    for (const filter of denied) {
      // mqtt.js turns a SUBACK failure code (0x80) into this error.
      await expect(device.subscribeAsync(filter, { qos: 1 }), filter).rejects.toThrow(
        /Subscribe error/,
      );
    }
    expect(device.connected).toBe(true);
    const own = await device.subscribeAsync('pesanibu/v1/devices/dev-bin-1/config', { qos: 1 });
    expect(own[0]?.qos).toBe(1);
    await device.endAsync();
  });

  it('counts refusals in the metrics', async () => {
    const metrics = await until(async () => {
      const res = await api(t, '/metrics', { token: null });
      const body = res.body as string;

      return body.includes('pesan_mqtt_denied_total{action="connect",reason=') ? body : null;
    });
    expect(metrics).toMatch(/pesan_mqtt_denied_total\{action="subscribe",reason="acl"\} [1-9]/);
  });
});
