import type { DeviceDirectory, DeviceEntry } from '../ingest/device-directory.js';
import type { LoraUplink } from '../lorawan/index.js';

/**
 * The registered device an uplink comes from. The DevEUI is the identity whenever the server
 * sends one; only an uplink without it (a TTN device registered without a DevEUI) is matched by
 * the server's device id, against a registered device of the same id that has no DevEUI.
 */
export function findLoraDevice(
  directory: DeviceDirectory,
  uplink: LoraUplink,
): DeviceEntry | undefined {
  if (uplink.devEui !== null) return directory.getByDevEui(uplink.devEui);

  const byName = directory.get(uplink.deviceName);

  return byName?.device.devEui === null ? byName : undefined;
}

/** How the uplink names its device, for a person reading the quarantine. */
export function describeLoraDevice(uplink: LoraUplink): string {
  const server = uplink.source === 'ttn' ? 'TTN' : 'ChirpStack';
  const eui = uplink.devEui === null ? 'no DevEUI' : `DevEUI ${uplink.devEui}`;

  return (
    `${eui}, ${server} device "${uplink.deviceName}" in application ${uplink.applicationId}; ` +
    'register it with this devEui and a model'
  );
}
