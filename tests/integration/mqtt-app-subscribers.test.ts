import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  sendReading,
  smallRegistry,
  startTestApp,
  type TestApp,
  until,
} from '../helpers/test-app.js';

/** Through the whole app: what the server publishes reaches people's apps logged in by token. */
describe('alerts and pickup lists over MQTT, end to end', () => {
  let t: TestApp;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, smallRegistry(2));
  });

  afterAll(async () => {
    for (const c of clients) c.end(true);
    await t.close();
  });

  async function tokenFor(role: 'office' | 'crew', crewId?: string): Promise<string> {
    const created = await api(t, '/api/v1/tokens', {
      method: 'POST',
      body: { role, label: `mqtt ${role}`, ...(crewId ? { crewId } : {}) },
    });
    expect(created.status).toBe(201);

    return (created.body as { token: string }).token;
  }

  async function app(token: string, clientId: string): Promise<MqttClient> {
    const client = await mqtt.connectAsync(t.mqttUrl, {
      username: 'token',
      password: token,
      clientId,
      reconnectPeriod: 0,
    });
    clients.push(client);

    return client;
  }

  it("delivers a bin's full alert to the office app", async () => {
    const office = await app(await tokenFor('office'), 'app/office/dlh-1');
    const seen: { topic: string; body: { kind: string; change: string } }[] = [];
    office.on('message', (topic, payload) =>
      seen.push({ topic, body: JSON.parse(String(payload)) }),
    );
    await office.subscribeAsync('pesanibu/v1/alerts/#', { qos: 1 });

    await sendReading(t.mqttUrl, 'dev-bin-1', { seq: 1, fill_pct: 95 });

    const full = await until(() => seen.find((m) => m.topic === 'pesanibu/v1/alerts/bin-1/full'));
    expect(full.body).toMatchObject({ kind: 'full', change: 'opened' });
  });

  it("gives a crew app its retained pickup list after the day's plan", async () => {
    const planned = await api(t, '/api/v1/plans', { method: 'POST', body: {} });
    expect(planned.status).toBe(201);

    const crew = await app(await tokenFor('crew', 'crew-1'), 'app/crew/crew-1/phone');
    const lists: { crewId: string; stops: { binId: string | null }[] }[] = [];
    crew.on('message', (_topic, payload) => lists.push(JSON.parse(String(payload))));
    const granted = await crew.subscribeAsync('pesanibu/v1/crews/crew-1/pickups', { qos: 1 });
    expect(granted[0]?.qos).toBe(1);

    const list = await until(() => lists[0]);
    expect(list.crewId).toBe('crew-1');
    expect(list.stops.some((s) => s.binId === 'bin-1')).toBe(true);
  });
});
