import { once } from 'node:events';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';

/**
 * A real Aedes broker on a free port for LoRaWAN tests, with username/password checks standing
 * in for the per-publisher credentials a network server gets. (The production broker with its
 * ACLs is the ingest module's; this harness only has to be a real MQTT broker.)
 */
export interface TestBroker {
  url: string;
  close(): Promise<void>;
}

export async function startTestBroker(users: Record<string, string>): Promise<TestBroker> {
  const broker = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      const known = username !== undefined && users[username] === password?.toString('utf8');
      if (known) return done(null, true);
      const error = Object.assign(new Error('bad username or password'), {
        returnCode: 4,
      }) as AuthenticateError;
      done(error, false);
    },
  });
  const server: Server = createServer(broker.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      server.close();
      await once(server, 'close');
    },
  };
}

export interface Received {
  topic: string;
  body: Buffer;
}

/** Subscribes and records every message in arrival order. */
export async function collect(
  url: string,
  credentials: { username: string; password: string },
  filters: string[],
): Promise<{ client: MqttClient; received: Received[] }> {
  const client = await mqtt.connectAsync(url, { ...credentials, reconnectPeriod: 0 });
  const received: Received[] = [];
  client.on('message', (topic, body) => received.push({ topic, body }));
  await client.subscribeAsync(filters, { qos: 1 });

  return { client, received };
}

/** Polls until the condition holds (never a fixed sleep). */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
