import { type Rejection, reject } from './rejections.js';

export const DEVICE_STATUSES = ['online', 'offline'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** Longer than any valid status: anything bigger is refused before it is even decoded. */
export const STATUS_MAX_BYTES = 16;

/**
 * A device's `status` payload (usually its last will): exactly `online` or `offline`, as plain
 * UTF-8 text. Retained on the broker, so garbage here would be what everyone sees next.
 */
export function parseDeviceStatus(raw: Buffer): { ok: true; status: DeviceStatus } | Rejection {
  if (raw.length > STATUS_MAX_BYTES) {
    return reject(
      'payload-too-large',
      `${raw.length} bytes, a status is at most ${STATUS_MAX_BYTES}`,
    );
  }
  const text = raw.toString('utf8');
  const status = DEVICE_STATUSES.find((s) => s === text);
  if (status === undefined) {
    return reject('invalid-status', `got ${JSON.stringify(text)}`);
  }

  return { ok: true, status };
}
