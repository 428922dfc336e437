import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type { NetworkServer } from '../../src/lorawan/index.js';
import { integrationFor } from './lora-fleet.js';

/** A real mqtt.js client logged in as a network server's integration account. */
export function connectNetworkServer(
  url: string,
  server: NetworkServer,
  password = integrationFor(server).password,
): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    username: integrationFor(server).username,
    password,
    clientId: `${server}-${randomUUID()}`,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
  });
}

/** Resolves when the broker closes the client's connection. */
export function closed(client: MqttClient): Promise<void> {
  return new Promise((resolve) => client.once('close', () => resolve()));
}
