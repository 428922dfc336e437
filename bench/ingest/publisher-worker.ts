import { parentPort, workerData } from 'node:worker_threads';
import mqtt, { type MqttClient } from 'mqtt';

/**
 * Runs the simulated devices in a worker thread so that publishing does not compete with the
 * broker for the main event loop (the machine has two cores: one each).
 */
export interface PublisherJob {
  url: string;
  devices: { id: string; secret: string | null }[];
  perDevice: number;
  windowPerDevice: number;
}

async function connect(url: string, id: string, secret: string | null): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    clientId: id,
    ...(secret ? { username: id, password: secret } : {}),
    reconnectPeriod: 0,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });

  return client;
}

async function publishAll(client: MqttClient, id: string, job: PublisherJob): Promise<void> {
  const topic = `pesanibu/v1/devices/${id}/telemetry`;
  let next = 0;
  const lane = async () => {
    while (next < job.perDevice) {
      const seq = next++;
      const payload = `{"seq":${seq},"distance_mm":${400 + (seq % 700)},"battery_pct":90}`;
      await client.publishAsync(topic, payload, { qos: 1 });
    }
  };
  await Promise.all(Array.from({ length: job.windowPerDevice }, lane));
}

const job = workerData as PublisherJob;
const clients = await Promise.all(job.devices.map((d) => connect(job.url, d.id, d.secret)));
parentPort!.postMessage({ type: 'connected' });

const started = performance.now();
await Promise.all(clients.map((c, i) => publishAll(c, job.devices[i]!.id, job)));
const seconds = (performance.now() - started) / 1_000;
await Promise.all(clients.map((c) => c.endAsync()));
parentPort!.postMessage({ type: 'done', seconds });
