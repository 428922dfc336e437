/**
 * The MQTT contract, version 1: every topic Pesan Ibu uses, in one place.
 *
 *   pesanibu/v1/devices/{deviceId}/telemetry   device -> server, native JSON reading, QoS 1
 *   pesanibu/v1/devices/{deviceId}/status      device -> server, "online"/"offline" (last will)
 *   pesanibu/v1/devices/{deviceId}/config      server -> device, retained JSON settings
 *   pesanibu/v1/devices/{deviceId}/command     server -> device, JSON commands
 *   pesanibu/v1/alerts/{binId}/{kind}          server -> office, alert state changes
 *   pesanibu/v1/crews/{crewId}/pickups         server -> crew, retained pickup list
 *
 * The last two are read by people's apps logged in with an API token (access-control.ts).
 */

export const TOPIC_ROOT = 'pesanibu/v1';

export const DEVICE_PUBLISH_CHANNELS = ['telemetry', 'status'] as const;
export const DEVICE_SUBSCRIBE_CHANNELS = ['config', 'command'] as const;
export type DeviceChannel =
  | (typeof DEVICE_PUBLISH_CHANNELS)[number]
  | (typeof DEVICE_SUBSCRIBE_CHANNELS)[number];

export const topics = {
  device: (deviceId: string, channel: DeviceChannel) =>
    `${TOPIC_ROOT}/devices/${deviceId}/${channel}`,
  alert: (binId: string, kind: string) => `${TOPIC_ROOT}/alerts/${binId}/${kind}`,
  crewPickups: (crewId: string) => `${TOPIC_ROOT}/crews/${crewId}/pickups`,
};

export interface DeviceTopic {
  deviceId: string;
  channel: string;
}

/** Splits `pesanibu/v1/devices/{id}/{channel}`; null for any other topic. */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== 'pesanibu' || parts[1] !== 'v1') return null;
  if (parts[2] !== 'devices' || parts[3] === '' || parts[4] === '') return null;

  return { deviceId: parts[3]!, channel: parts[4]! };
}
