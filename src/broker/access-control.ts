import type { Role } from '../api/tokens.js';
import type { NetworkServer } from '../lorawan/uplink.js';
import { filterMatches, filterProblem, filterWithin } from '../shared/mqtt-filter.js';
import {
  DEVICE_PUBLISH_CHANNELS,
  DEVICE_SUBSCRIBE_CHANNELS,
  parseDeviceTopic,
  TOPIC_ROOT,
  topics,
} from './topics.js';

/** Who an MQTT connection is, once authenticated. */
export type MqttIdentity =
  | { kind: 'device'; deviceId: string }
  /** A network server publishing LoRaWAN uplinks, limited to the topic filters it was given. */
  | { kind: 'integration'; name: string; server: NetworkServer; publishFilters: string[] }
  /** A person's app logged in with an API token: reads alerts or pickup lists, never writes. */
  | { kind: 'token'; role: Role; crewId: string | null; label: string }
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
  // Acknowledging alerts and confirming pickups go through the HTTP API, with its checks.
  if (identity.kind === 'token') return deny('token clients are read-only');

  const parsed = parseDeviceTopic(topic);
  if (!parsed || parsed.deviceId !== identity.deviceId) {
    return deny(`device ${identity.deviceId} may only publish under its own topics`);
  }
  if (!(DEVICE_PUBLISH_CHANNELS as readonly string[]).includes(parsed.channel)) {
    return deny(`devices may not publish to the ${parsed.channel} channel`);
  }

  return allow;
}

/** What a token's role may read over MQTT: office and admin see every alert and list. */
export function tokenSubscribeFilters(identity: { role: Role; crewId: string | null }): string[] {
  if (identity.role === 'crew') {
    return identity.crewId === null ? [] : [topics.crewPickups(identity.crewId)];
  }

  return [`${TOPIC_ROOT}/alerts/#`, topics.crewPickups('+')];
}

/**
 * A device subscribes only to its own config and command topics, never to wildcards. A token
 * client subscribes within its role's filters (wildcards included, as long as they stay inside).
 */
export function canSubscribe(identity: MqttIdentity, filter: string): AccessDecision {
  if (filter.startsWith('$')) return deny(`${filter} is not available to clients`);
  if (identity.kind === 'token') {
    const problem = filterProblem(filter);
    if (problem !== null) return deny(problem);
    const granted = tokenSubscribeFilters(identity);

    return granted.some((allowed) => filterWithin(filter, allowed))
      ? allow
      : deny(`a ${identity.role} token may subscribe only within ${granted.join(', ')}`);
  }
  if (filter.includes('#') || filter.includes('+')) {
    return deny(`wildcard subscriptions (${filter}) are not allowed`);
  }
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
