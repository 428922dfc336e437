import type { NetworkServer } from './uplink.js';

/**
 * MQTT topics of the two network servers' integrations.
 *
 *   TTN v3:        v3/{application id}[@{tenant id}]/devices/{device id}/{event...}
 *   ChirpStack v4: application/{application id}/device/{dev eui}/event/{event}
 *
 * TTN's open-source stack leaves out `@{tenant id}`. Event names after the device are e.g. `up`,
 * `join`, `down/queued` (TTN) and `up`, `status`, `join`, `log` (ChirpStack).
 */
export const UPLINK_SUBSCRIPTIONS: Readonly<Record<NetworkServer, string>> = {
  ttn: 'v3/+/devices/+/up',
  chirpstack: 'application/+/device/+/event/up',
};

export interface NetworkServerTopic {
  applicationId: string;
  tenantId: string | null;
  /** TTN device id or ChirpStack DevEUI (lower-cased), as the topic names the device. */
  device: string;
  event: string;
}

export function parseTtnTopic(topic: string): NetworkServerTopic | null {
  const parts = topic.split('/');
  if (parts.length < 5 || parts[0] !== 'v3' || parts[2] !== 'devices') return null;
  const [applicationId, tenantId] = parts[1]!.split('@');
  if (!applicationId || parts[3] === '' || parts.slice(4).some((p) => p === '')) return null;

  return {
    applicationId,
    tenantId: tenantId ?? null,
    device: parts[3]!,
    event: parts.slice(4).join('/'),
  };
}

export function parseChirpstackTopic(topic: string): NetworkServerTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 6 || parts[0] !== 'application' || parts[2] !== 'device') return null;
  if (parts[4] !== 'event' || parts.some((p) => p === '')) return null;

  return {
    applicationId: parts[1]!,
    tenantId: null,
    device: parts[3]!.toLowerCase(),
    event: parts[5]!,
  };
}

export function parseNetworkServerTopic(
  source: NetworkServer,
  topic: string,
): NetworkServerTopic | null {
  return source === 'ttn' ? parseTtnTopic(topic) : parseChirpstackTopic(topic);
}
