import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions } from 'mqtt';
import type { SimMessage } from './sim-device.js';

/** Where the simulated network server publishes: our broker, or any other. */
export interface BrokerTarget {
  /** mqtt://host:port or mqtts://host:port */
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  /** TTN only offers QoS 0; ChirpStack defaults to 0. Default here: 1, so nothing is lost. */
  qos?: 0 | 1;
  /** For mqtts:// with a private CA (PEM). */
  ca?: string;
}

/**
 * Connects, publishes the messages in order and disconnects. Resolves once every QoS 1 message
 * has been acknowledged by the broker; rejects if the broker refuses the connection.
 */
export async function publishSimMessages(
  target: BrokerTarget,
  messages: readonly SimMessage[],
): Promise<{ published: number }> {
  const options: IClientOptions = {
    // A shared client id would make the broker drop one of two concurrent publishers.
    clientId: target.clientId ?? `pesan-lorawan-sim-${randomUUID()}`,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.ca === undefined ? {} : { ca: target.ca }),
  };
  const client = await mqtt.connectAsync(target.url, options);
  try {
    for (const message of messages) {
      await client.publishAsync(message.topic, message.body, { qos: target.qos ?? 1 });
    }
  } finally {
    await client.endAsync();
  }

  return { published: messages.length };
}
