import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../../src/upstream/upstream-client.js';
import { until } from '../helpers/test-app.js';
import { type ExternalBroker, startExternalBroker } from './external-broker.js';
import { body, loadFixture } from './lora-fleet.js';

const USERS = { reader: 'reader-secret', ns: 'ns-secret' };

describe('an upstream client whose handler fails', () => {
  let external: ExternalBroker;

  beforeAll(async () => {
    external = await startExternalBroker(USERS);
  });
  afterAll(async () => {
    await external.stop();
  });

  it('withholds the acknowledgement and gets the message again after reconnecting', async () => {
    const seen: string[] = [];
    let failures = 1;
    const client = new UpstreamClient(
      {
        name: 'flaky',
        url: external.url,
        username: 'reader',
        password: USERS.reader,
        kind: 'chirpstack',
        topics: ['application/+/device/+/event/up'],
        clientId: 'pesan-ibu-flaky',
        qos: 1,
        cleanSession: false,
        reconnectPeriodMs: 100,
      },
      async (_server, topic) => {
        seen.push(topic);
        if (failures > 0) {
          failures -= 1;
          throw new Error('disk full');
        }
      },
      pino({ level: 'silent' }),
    );
    client.start();
    try {
      await until(() => client.status().subscribed);
      const fixture = loadFixture('chirpstack-uplink-raw.json');
      const ns = await mqtt.connectAsync(external.url, {
        username: 'ns',
        password: USERS.ns,
        reconnectPeriod: 0,
      });
      await ns.publishAsync(fixture.topic, body(fixture), { qos: 1 });
      await ns.endAsync();

      await until(() => seen.length === 2);
      expect(seen).toEqual([fixture.topic, fixture.topic]);
      expect(client.status().connects).toBe(2);
    } finally {
      await client.stop();
    }
  });
});
