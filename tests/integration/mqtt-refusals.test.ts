import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  connectDevice,
  smallRegistry,
  startTestApp,
  type TestApp,
  until,
} from '../helpers/test-app.js';

const MIN = 60_000;

const metricsText = async (t: TestApp) =>
  (await api(t, '/metrics', { token: null })).body as string;

/** The value of one sample of the metrics text, 0 when it is absent. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));

  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('refused MQTT connections', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  let clock = Date.now();

  beforeAll(async () => {
    const registry = smallRegistry(3);
    registry.snapshot.devices[2]!.enabled = false;
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(JSON.parse(l)) });
    t = await startTestApp({}, registry, { logger, now: () => clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts each refusal under its reason', async () => {
    await expect(connectDevice(t.mqttUrl, 'nobody', 'x')).rejects.toThrow();
    await expect(connectDevice(t.mqttUrl, 'dev-bin-1', 'wrong')).rejects.toThrow();
    // Right secret, but the device is disabled in the registry.
    await expect(connectDevice(t.mqttUrl, 'dev-bin-3', 'secret-bin-3')).rejects.toThrow();
    await expect(
      connectDevice(t.mqttUrl, 'dev-bin-2', 'secret-bin-2', 'dev-bin-1'),
    ).rejects.toThrow();
    await expect(connectDevice(t.mqttUrl, undefined, undefined, 'anon-1')).rejects.toThrow();

    const text = await metricsText(t);
    for (const reason of [
      'unknown-user',
      'wrong-password',
      'device-disabled',
      'client-id-mismatch',
      'anonymous',
    ]) {
      expect(
        sample(text, `pesan_mqtt_denied_total{action="connect",reason="${reason}"}`),
        reason,
      ).toBe(1);
    }
  });

  it('logs a client retrying in a loop once a minute, saying how many it held back', async () => {
    const refusedLogs = () =>
      lines.filter((l) => l.msg === 'mqtt connect refused' && l.clientId === 'dev-bin-2');
    // Wrong password three times in a row from the same client id.
    for (let i = 0; i < 3; i++) {
      await expect(connectDevice(t.mqttUrl, 'dev-bin-2', `wrong-${i}`)).rejects.toThrow();
    }
    expect(refusedLogs()).toHaveLength(1);
    expect(refusedLogs()[0]).toMatchObject({ cause: 'wrong-password', suppressed: 0 });

    clock += MIN + 1;
    await expect(connectDevice(t.mqttUrl, 'dev-bin-2', 'wrong-again')).rejects.toThrow();
    expect(refusedLogs()).toHaveLength(2);
    expect(refusedLogs()[1]).toMatchObject({ cause: 'wrong-password', suppressed: 2 });

    // Every attempt is still counted, whatever was logged.
    const text = await metricsText(t);
    expect(sample(text, 'pesan_mqtt_denied_total{action="connect",reason="wrong-password"}')).toBe(
      5,
    );
  });
});

describe('device status messages', () => {
  let t: TestApp;
  const statusTopic = (id: string) => `pesanibu/v1/devices/${id}/status`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The retained status the broker keeps for a topic, as text (null when none). */
  const retained = async (topic: string): Promise<string | null> => {
    // aedes types its persistence loosely; this is the one call the test needs.
    const { persistence } = t.app.broker.aedes as unknown as {
      persistence: { createRetainedStream(pattern: string): AsyncIterable<{ payload: Buffer }> };
    };
    for await (const packet of persistence.createRetainedStream(topic)) {
      return packet.payload.toString();
    }

    return null;
  };

  const quarantined = async (deviceId: string) => {
    const res = await api(t, `/api/v1/quarantine?deviceId=${deviceId}`);

    return (res.body as { entries: { code: string; topic: string; rawBase64: string }[] }).entries;
  };

  it('accepts online and offline, refuses anything else and keeps serving', async () => {
    const device = await connectDevice(t.mqttUrl, 'dev-bin-1', 'secret-bin-1');
    await device.publishAsync(statusTopic('dev-bin-1'), 'online', { qos: 1, retain: true });
    expect(await retained(statusTopic('dev-bin-1'))).toBe('online');

    const bad: [string, string][] = [
      ['ONLINE', 'invalid-status'],
      ['"online"', 'invalid-status'],
      ['online\n', 'invalid-status'],
      ['', 'invalid-status'],
      ['x'.repeat(200), 'payload-too-large'],
    ];
    for (const [payload] of bad) {
      await device.publishAsync(statusTopic('dev-bin-1'), payload, { qos: 1, retain: true });
    }

    // Refused, but acknowledged: the device stays connected and goes on reporting.
    expect(device.connected).toBe(true);
    await device.publishAsync(
      'pesanibu/v1/devices/dev-bin-1/telemetry',
      JSON.stringify({ seq: 1, fill_pct: 40 }),
      { qos: 1 },
    );
    const readings = await t.app.context.store.readings('bin-1', 0, Date.now() + MIN);
    expect(readings.map((r) => r.fillPct)).toEqual([40]);
    // None of the garbage replaced the retained status.
    expect(await retained(statusTopic('dev-bin-1'))).toBe('online');

    const entries = await quarantined('dev-bin-1');
    expect(entries.map((e) => [Buffer.from(e.rawBase64, 'base64').toString(), e.code])).toEqual(
      [...bad].reverse(),
    );
    expect(entries.every((e) => e.topic === statusTopic('dev-bin-1'))).toBe(true);
    const text = await metricsText(t);
    expect(sample(text, 'pesan_ingest_rejected_total{reason="invalid-status"}')).toBe(4);

    await device.publishAsync(statusTopic('dev-bin-1'), 'offline', { qos: 1, retain: true });
    expect(await retained(statusTopic('dev-bin-1'))).toBe('offline');
    await device.endAsync();
  });

  it('checks a last will the same way when the device drops', async () => {
    const device = mqtt.connect(t.mqttUrl, {
      clientId: 'dev-bin-2',
      username: 'dev-bin-2',
      password: 'secret-bin-2',
      reconnectPeriod: 0,
      will: { topic: statusTopic('dev-bin-2'), payload: Buffer.from('mati'), qos: 1, retain: true },
    });
    device.on('error', () => {});
    await new Promise<void>((resolve) => device.once('connect', () => resolve()));
    // A dropped connection, not a clean DISCONNECT: the broker publishes the will.
    device.stream.destroy();

    const entries = await until(async () => {
      const found = await quarantined('dev-bin-2');

      return found.length > 0 ? found : null;
    });
    expect(entries.map((e) => [Buffer.from(e.rawBase64, 'base64').toString(), e.code])).toEqual([
      ['mati', 'invalid-status'],
    ]);
    expect(await retained(statusTopic('dev-bin-2'))).toBeNull();
    device.end(true);
  });
});
