import type { NetworkServer } from '../lorawan/uplink.js';
import { filterMatches } from '../shared/mqtt-filter.js';
import { DEVICE_PUBLISH_CHANNELS, DEVICE_SUBSCRIBE_CHANNELS, parseDeviceTopic } from './topics.js';

/** Who an MQTT connection is, once authenticated. */
export type MqttIdentity =
  | { kind: 'device'; deviceId: string }
  /** A network server publishing LoRaWAN uplinks, limited to the topic filters it was given. */
  | { kind: 'integration'; name: string; server: NetworkServer; publishFilters: string[] }
  | { kind: 'anonymous' };

export type AccessDecision = { ok: true } | { ok: false; reason: string };

const allow: AccessDecision = { ok: true };
const deny = (reason: string): AccessDecision => ({ ok: false, reason });

/**
 * A device publishes only its own telemetry and status, a network server only its uplink topics;
 * `$SYS` belongs to the broker.
 */
export function canPublish(identity: MqttIdentity, topic: string): AccessDecision {
  if (topic.startsWith('$')) return deny(`publishing to ${topic} is reserved for the broker`);

  if (identity.kind === 'integration') {
    return identity.publishFilters.some((filter) => filterMatches(filter, topic))
      ? allow
      : deny(
          `integration ${identity.name} may publish only to ${identity.publishFilters.join(', ')}`,
        );
  }
  if (identity.kind === 'anonymous') return deny('anonymous clients may not publish');

  const parsed = parseDeviceTopic(topic);
  if (!parsed || parsed.deviceId !== identity.deviceId) {
    return deny(`device ${identity.deviceId} may only publish under its own topics`);
  }
  if (!(DEVICE_PUBLISH_CHANNELS as readonly string[]).includes(parsed.channel)) {
    return deny(`devices may not publish to the ${parsed.channel} channel`);
  }

  return allow;
}

/** A device subscribes only to its own config and command topics, never to wildcards. */
export function canSubscribe(identity: MqttIdentity, filter: string): AccessDecision {
  if (filter.includes('#') || filter.includes('+')) {
    return deny(`wildcard subscriptions (${filter}) are not allowed`);
  }
  if (filter.startsWith('$')) return deny(`${filter} is not available to clients`);
  if (identity.kind !== 'device') return deny(`${identity.kind} clients may not subscribe`);

  const parsed = parseDeviceTopic(filter);
  if (!parsed || parsed.deviceId !== identity.deviceId) {
    return deny(`device ${identity.deviceId} may only subscribe to its own topics`);
  }
  if (!(DEVICE_SUBSCRIBE_CHANNELS as readonly string[]).includes(parsed.channel)) {
    return deny(`devices may not subscribe to the ${parsed.channel} channel`);
  }

  return allow;
}
