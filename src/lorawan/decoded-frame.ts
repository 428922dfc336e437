import type { GeoPoint } from '../domain/registry.js';

/**
 * One LoRaWAN application payload turned into Pesan Ibu's units, whatever the sensor model.
 *
 * A `measurement` frame says something about the level in the bin (a distance, a device-computed
 * fill, or an explicit "no echo"); a `status` frame carries only device health, configuration or
 * history and must not be turned into a fill reading.
 */
export type FrameKind = 'measurement' | 'status';

export const ALARM_NAMES = [
  'full',
  'fire',
  'tilt',
  'lowBattery',
  'temperature',
  'distance',
] as const;
export type AlarmName = (typeof ALARM_NAMES)[number];

/** A timestamped distance the device stored and sent later (e.g. Milesight history records). */
export interface HistoryPoint {
  tsMs: number;
  distanceMm: number;
}

export type DetailValue = number | string | boolean;

export interface DecodedFrame {
  /** Codec id (e.g. `milesight-em310-udl`), or the fallback mapping's model name. */
  model: string;
  kind: FrameKind;
  /** How the values were obtained: our own byte decoder, or the network server's object. */
  origin: 'codec' | 'server-object';
  /** Sensor face to the nearest surface. Null when not measured or when there was no echo. */
  distanceMm: number | null;
  /** Further probes of multi-probe devices, in probe order (probe 1 is also `distanceMm`). */
  probeDistancesMm: number[];
  /** Fill level computed by the device itself from its own configuration, when it sends one. */
  deviceFillPct: number | null;
  /**
   * The sensor said it heard no usable echo: the level is UNKNOWN. Never read this as a zero
   * distance (which would mean a bin full to the sensor face).
   */
  noEcho: boolean;
  batteryPct: number | null;
  batteryV: number | null;
  temperatureC: number | null;
  /** Tilt angle magnitude, for models that measure one. */
  tiltDeg: number | null;
  /** Tilted / normal position, for models that only report a switch. */
  tilted: boolean | null;
  /** Alarm flags the device raised itself; absent key = the model does not report that alarm. */
  alarms: Partial<Record<AlarmName, boolean>>;
  location: GeoPoint | null;
  history: HistoryPoint[];
  /** Model-specific values worth keeping for diagnostics (firmware, counters, parameters). */
  details: Record<string, DetailValue>;
  /** Things a person should know that did not stop decoding (e.g. a skipped unknown element). */
  notes: string[];
}

/** A fresh frame with nothing measured yet; codecs fill it in, then call `finishFrame`. */
export function emptyFrame(model: string, origin: DecodedFrame['origin'] = 'codec'): DecodedFrame {
  return {
    model,
    kind: 'status',
    origin,
    distanceMm: null,
    probeDistancesMm: [],
    deviceFillPct: null,
    noEcho: false,
    batteryPct: null,
    batteryV: null,
    temperatureC: null,
    tiltDeg: null,
    tilted: null,
    alarms: {},
    location: null,
    history: [],
    details: {},
    notes: [],
  };
}

/** Settles the frame kind from what was decoded, and keeps no-echo and distance exclusive. */
export function finishFrame(frame: DecodedFrame): DecodedFrame {
  const distanceMm = frame.noEcho ? null : frame.distanceMm;
  const hasLevel = distanceMm !== null || frame.deviceFillPct !== null || frame.noEcho;

  return { ...frame, distanceMm, kind: hasLevel ? 'measurement' : 'status' };
}
