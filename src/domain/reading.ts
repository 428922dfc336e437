/** A fill reading after decoding and validation, ready for the telemetry store. */

export const READING_QUALITIES = [
  'ok',
  'no-echo',
  'out-of-range',
  'spike',
  'stuck',
  'low-battery',
] as const;
export type ReadingQuality = (typeof READING_QUALITIES)[number];

/**
 * Alarm flags a sensor raised itself (Dingtek DF702: fire, tilt, low battery). They reach the
 * alert rules with the live reading and are not stored: the next reading says whether they hold.
 */
export const DEVICE_ALARMS = ['fire', 'tilt', 'lowBattery'] as const;
export type DeviceAlarm = (typeof DEVICE_ALARMS)[number];

export const READING_SOURCES = ['mqtt', 'ttn', 'chirpstack', 'http', 'backfill'] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

export interface Reading {
  deviceId: string;
  binId: string;
  areaId: string;
  /** Measurement time, epoch ms (device clock when given and sane, else receive time). */
  ts: number;
  receivedAt: number;
  seq: number | null;
  distanceMm: number | null;
  fillPct: number;
  batteryPct: number | null;
  /** Battery voltage, for models that report volts rather than a percentage. */
  batteryV: number | null;
  temperatureC: number | null;
  tiltDeg: number | null;
  quality: ReadingQuality;
  qualityReason: string | null;
  rssi: number | null;
  snr: number | null;
  gateways: number | null;
  source: ReadingSource;
  /** Identity of the frame for duplicate suppression (QoS 1 redelivery, multi-gateway). */
  dedupeKey: string;
  /**
   * What the device said that the alert rules need but the store does not keep: its own alarm
   * flags and its model's replace-battery voltage. Present only on the live ingest path.
   */
  signals?: ReadingSignals;
}

export interface ReadingSignals {
  alarms: readonly DeviceAlarm[];
  /** Replace-battery voltage of the sensor model, when the codec knows one. */
  lowBatteryV: number | null;
}

/** Latest known state of a bin, as kept by the telemetry store. */
export interface BinLatest {
  binId: string;
  deviceId: string;
  ts: number;
  fillPct: number;
  quality: ReadingQuality;
  batteryPct: number | null;
  batteryV: number | null;
  temperatureC: number | null;
  tiltDeg: number | null;
}

/** One time bucket of a series: `start` is the bucket's first epoch ms. */
export interface SeriesBucket {
  start: number;
  count: number;
  meanFillPct: number;
  minFillPct: number;
  maxFillPct: number;
}
