import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenRepo } from '../../src/api/tokens.js';
import { Authenticator, TOKEN_USERNAME } from '../../src/broker/authenticator.js';
import { MqttBroker } from '../../src/broker/mqtt-broker.js';
import { topics } from '../../src/broker/topics.js';
import { type Db, openDatabase } from '../../src/db/open-database.js';
import type { Device } from '../../src/domain/registry.js';
import { hashSecret } from '../../src/registry/device-secret.js';
import { connectDevice, until } from '../helpers/test-app.js';

interface Received {
  topic: string;
  body: string;
  retain: boolean;
}

function record(client: MqttClient): Received[] {
  const received: Received[] = [];
  client.on('message', (topic, payload, packet) =>
    received.push({ topic, body: payload.toString('utf8'), retain: packet.retain }),
  );

  return received;
}

/**
 * People's apps on the real broker: the Authenticator resolves API tokens from a real SQLite
 * token table, the way the composition root wires it, and the broker publishes alerts and
 * retained pickup lists through the same `publish` the app uses.
 */
describe('MQTT clients with an API token', () => {
  let dir: string;
  let db: Db;
  let broker: MqttBroker;
  let url: string;
  let office: string;
  let crew1: string;
  let crew2: string;
  const device: Device = {
    id: 'dev-1',
    binId: 'bin-1',
    model: 'pesan-native',
    secretHash: hashSecret('secret-1'),
    enabled: true,
    devEui: null,
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pesan-token-mqtt-'));
    db = openDatabase(join(dir, 'pesan.db'));
    const tokens = new TokenRepo(db, 'test-admin-token-0123456789');
    office = tokens.create('office', 'dashboard');
    crew1 = tokens.create('crew', 'phone of crew 1', 'crew-1');
    crew2 = tokens.create('crew', 'phone of crew 2', 'crew-2');
    broker = await MqttBroker.create({
      authenticator: new Authenticator({
        findDevice: (id) => (id === device.id ? device : null),
        allowAnonymous: false,
        integrations: [],
        resolveToken: (token) => tokens.resolve(token),
      }),
      logger: pino({ level: 'silent' }),
      metrics: new Registry(),
    });
    url = `mqtt://127.0.0.1:${await broker.listen(0, '127.0.0.1')}`;
  });
  afterAll(async () => {
    await broker.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (token: string, clientId: string) =>
    connectDevice(url, TOKEN_USERNAME, token, clientId);

  it('delivers alert publications to an office app', async () => {
    const app = await login(office, 'app/office/dashboard-1');
    const received = record(app);
    await app.subscribeAsync('pesanibu/v1/alerts/#', { qos: 1 });
    await app.subscribeAsync('pesanibu/v1/crews/+/pickups', { qos: 1 });

    const alert = JSON.stringify({ binId: 'bin-1', kind: 'fire', change: 'opened' });
    await broker.publish(topics.alert('bin-1', 'fire'), alert, { retain: true });
    await until(() => received.length > 0);

    expect(received[0]).toMatchObject({ topic: 'pesanibu/v1/alerts/bin-1/fire', body: alert });
    await app.endAsync();
  });

  it('gives a crew app its retained pickup list and refuses another crew’s', async () => {
    const list = JSON.stringify({ crewId: 'crew-1', date: '2026-03-04', stops: [] });
    await broker.publish(topics.crewPickups('crew-1'), list, { retain: true });
    await broker.publish(topics.crewPickups('crew-2'), '{"crewId":"crew-2"}', { retain: true });

    const app = await login(crew1, 'app/crew/crew-1/phone');
    const received = record(app);
    await app.subscribeAsync(topics.crewPickups('crew-1'), { qos: 1 });
    await until(() => received.length > 0);
    expect(received[0]).toEqual({ topic: topics.crewPickups('crew-1'), body: list, retain: true });

    for (const filter of [
      topics.crewPickups('crew-2'),
      'pesanibu/v1/crews/+/pickups',
      'pesanibu/v1/alerts/#',
      '#',
      '$SYS/#',
    ]) {
      // mqtt.js turns a SUBACK failure code (0x80) into this error.
      await expect(app.subscribeAsync(filter, { qos: 1 }), filter).rejects.toThrow(
        /Subscribe error/,
      );
    }
    // A refused subscription leaves the connection up, and nothing of crew-2 arrived.
    expect(app.connected).toBe(true);
    expect(received.map((r) => r.topic)).toEqual([topics.crewPickups('crew-1')]);
    await app.endAsync();
  });

  it('never lets a token client publish', async () => {
    const watcher = await login(office, 'app/office/watcher');
    const received = record(watcher);
    await watcher.subscribeAsync('pesanibu/v1/alerts/#', { qos: 1 });
    await watcher.subscribeAsync('pesanibu/v1/crews/+/pickups', { qos: 1 });
    await until(() => received.length >= 3); // the retained alert and two pickup lists
    received.length = 0;

    const attempts: Array<[token: string, clientId: string, topic: string]> = [
      [office, 'app/office/writer', topics.alert('bin-1', 'full')],
      [crew1, 'app/crew/crew-1/writer', topics.crewPickups('crew-1')],
      [office, 'app/office/writer', topics.device('dev-1', 'telemetry')],
    ];
    for (const [token, clientId, topic] of attempts) {
      const writer = await login(token, clientId);
      const closed = new Promise<void>((resolve) => writer.once('close', () => resolve()));
      writer.publish(topic, '{"forged":true}', { qos: 1 });
      // MQTT 3.1.1 has no negative PUBACK: the broker closes the connection.
      await closed;
      writer.end(true);
    }

    // A publication after the refusals arrives alone: none of the forged ones went through.
    await broker.publish(topics.alert('bin-2', 'full'), '{"binId":"bin-2"}');
    await until(() => received.length > 0);
    expect(received.map((r) => r.body)).toEqual(['{"binId":"bin-2"}']);
    await watcher.endAsync();
  });

  it('refuses unknown tokens and client ids outside the token’s prefix', async () => {
    const deviceSession = await connectDevice(url, 'dev-1', 'secret-1');

    await expect(login('office_not-a-token', 'app/office/x')).rejects.toThrow(/Bad username/);
    // A device's client id would take over the device's session (MQTT-3.1.4-2).
    await expect(login(office, 'dev-1')).rejects.toThrow(/Identifier rejected/);
    await expect(login(crew1, 'app/crew/crew-2/phone')).rejects.toThrow(/Identifier rejected/);
    await expect(login(crew2, 'app/office/phone')).rejects.toThrow(/Identifier rejected/);
    expect(deviceSession.connected).toBe(true);
    await deviceSession.endAsync();
  });

  it('refuses token logins where no token resolver is wired', async () => {
    const auth = new Authenticator({
      findDevice: () => null,
      allowAnonymous: false,
      integrations: [],
    });
    const outcome = await auth.check({
      clientId: 'app/office/x',
      username: TOKEN_USERNAME,
      password: Buffer.from(office),
    });

    expect(outcome).toMatchObject({ ok: false, code: 'bad-credentials' });
  });
});
