import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connectDevice, startTestApp, type TestApp } from '../helpers/test-app.js';

const MIN = 60_000;

interface ApiAlert {
  id: number;
  binId: string;
  kind: string;
  status: string;
  value: number | null;
}

/**
 * The alert lifecycle end to end: a real device publishes over MQTT into the real app, and the
 * alerts are read back over HTTP, as the office would see them.
 */
describe('alert lifecycle through the real app', () => {
  let t: TestApp;
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    // The defaults, spelled out because the wobble below depends on them: 80 % threshold
    // (test-app bins), 5 points of hysteresis.
    t = await startTestApp({ alerts: { hysteresisPct: 5 } });
  });
  afterAll(async () => {
    for (const d of devices) await d.endAsync();
    await t.close();
  });

  const device = async (binId: string) => {
    const client = await connectDevice(t.mqttUrl, `dev-${binId}`, `secret-${binId}`);
    devices.push(client);
    let seq = 0;

    return async (fillPct: number, ts: number) => {
      seq++;
      const payload = JSON.stringify({ seq, ts, fill_pct: fillPct });
      // QoS 1: the PUBACK comes after the reading (and its alerts) are stored.
      await client.publishAsync(`pesanibu/v1/devices/dev-${binId}/telemetry`, payload, { qos: 1 });
    };
  };

  const alerts = async (binId: string, kind: string): Promise<ApiAlert[]> => {
    const res = await api(t, `/api/v1/alerts?binId=${binId}`);
    expect(res.status).toBe(200);

    return (res.body as { alerts: ApiAlert[] }).alerts.filter((a) => a.kind === kind);
  };

  const qualities = async (binId: string) =>
    (await t.app.context.store.readings(binId, 0, Date.now() + MIN)).map((r) => r.quality);

  it('keeps one open full alert, rides out a wobble, resolves when clearly low', async () => {
    const send = await device('bin-1');
    const start = Date.now() - 60 * MIN;
    // A bin filling slowly past its 80 % threshold, one reading every 5 minutes.
    const fills = [82, 83, 84, 85];
    for (const [i, fill] of fills.entries()) await send(fill, start + i * 5 * MIN);

    const open = await alerts('bin-1', 'full');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open' });

    // 77 % is under the threshold but within the hysteresis band (80 - 5 = 75): still full.
    await send(77, start + 20 * MIN);
    await send(79, start + 25 * MIN);
    const held = await alerts('bin-1', 'full');
    expect(held.map((a) => [a.id, a.status])).toEqual([[open[0]!.id, 'open']]);

    // 60 % is clearly below: the alert resolves by itself, no person involved.
    await send(60, start + 30 * MIN);
    const resolved = await alerts('bin-1', 'full');
    expect(resolved.map((a) => [a.id, a.status])).toEqual([[open[0]!.id, 'resolved']]);
    // The gate trusted every reading, so this was the full rule at work, not a verify alert.
    expect(new Set(await qualities('bin-1'))).toEqual(new Set(['ok']));
  });

  it('lists an acknowledged alert as acknowledged while the bin stays full', async () => {
    const send = await device('bin-2');
    const start = Date.now() - 30 * MIN;
    await send(90, start);
    const [full] = await alerts('bin-2', 'full');
    expect(full).toMatchObject({ status: 'open' });

    const ack = await api(t, `/api/v1/alerts/${full!.id}/ack`, { method: 'POST' });
    expect(ack.status).toBe(200);
    // Still full afterwards: the acknowledgement sticks, and no second alert opens.
    await send(91, start + 5 * MIN);

    const listed = await api(t, '/api/v1/alerts?status=acknowledged&binId=bin-2');
    expect((listed.body as { alerts: ApiAlert[] }).alerts.map((a) => [a.id, a.kind])).toEqual([
      [full!.id, 'full'],
    ]);
    expect((await alerts('bin-2', 'full')).map((a) => a.status)).toEqual(['acknowledged']);
    const open = await api(t, '/api/v1/alerts?status=open&binId=bin-2');
    expect((open.body as { alerts: ApiAlert[] }).alerts).toEqual([]);
  });

  it('opens a silent alert on the sweep and clears it when the device reports again', async () => {
    const send = await device('bin-3');
    await send(30, Date.now() - 5 * MIN);

    // Far beyond 3 report intervals (15 min each) after that reading.
    const changes = t.app.context.alerts.sweep(Date.now() + 24 * 60 * MIN);
    expect(changes).toBeGreaterThanOrEqual(1);
    expect((await alerts('bin-3', 'silent')).map((a) => a.status)).toEqual(['open']);

    await send(31, Date.now());
    expect((await alerts('bin-3', 'silent')).map((a) => a.status)).toEqual(['resolved']);
  });
});

describe('late readings and alerts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not let a delayed 90 % reading raise full after a newer 20 % one', async () => {
    const client = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
    const topic = 'pesanibu/v1/devices/dev-bin-1/telemetry';
    const now = Date.now();
    // Sent separately, so they land in separate store batches, as a late reading does.
    await client.publishAsync(topic, JSON.stringify({ seq: 2, ts: now, fill_pct: 20 }), {
      qos: 1,
    });
    await client.publishAsync(topic, JSON.stringify({ seq: 1, ts: now - 10 * MIN, fill_pct: 90 }), {
      qos: 1,
    });
    await client.endAsync();

    // Both are stored: the late one is history, it just does not speak for the bin now.
    const stored = await t.app.context.store.readings('bin-1', 0, now + MIN);
    expect(stored.map((r) => [r.fillPct, r.quality])).toEqual([
      [90, 'ok'],
      [20, 'ok'],
    ]);
    const res = await api(t, '/api/v1/alerts?binId=bin-1');
    expect((res.body as { alerts: ApiAlert[] }).alerts.map((a) => a.kind)).toEqual([]);
  });
});
