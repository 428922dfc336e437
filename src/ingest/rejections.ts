/** Why an input was refused. Stable codes: they are metric labels and API values. */
export const REJECTION_CODES = {
  'not-json': 'payload is not valid UTF-8 JSON',
  'invalid-payload': 'payload does not match the telemetry schema',
  'invalid-status': 'a device status must be exactly "online" or "offline"',
  'payload-too-large': 'payload is larger than the limit',
  'unknown-device': 'no registered device has this id',
  'device-disabled': 'the device is disabled',
  'unknown-bin': 'the device is not mounted on a known, enabled bin',
  'timestamp-future': 'the measurement time is too far in the future',
  'timestamp-too-old': 'the measurement time is too far in the past',
  'bad-envelope': 'the network-server envelope could not be read',
  'unknown-lorawan-device': 'no registered device has this DevEUI (or network-server device id)',
  'decode-failed': 'the sensor frame could not be decoded',
} as const;

export type RejectionCode = keyof typeof REJECTION_CODES;

export interface Rejection {
  ok: false;
  code: RejectionCode;
  /** What a person can act on, e.g. "battery_pct: must be between 0 and 100 (got 140)". */
  reason: string;
}

export const reject = (code: RejectionCode, detail?: string): Rejection => ({
  ok: false,
  code,
  reason: detail ? `${REJECTION_CODES[code]}: ${detail}` : REJECTION_CODES[code],
});
