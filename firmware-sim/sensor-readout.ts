import type { NativePayload } from '../src/ingest/native-payload.js';
import { anomalyAt } from './anomalies.js';
import { hashString, type SeededRandom, unitHash } from './random.js';
import type { AnomalyRates, SimBin } from './sim-types.js';
import { DAY_MS, toWibIso, wibHourOfDay } from './wib-time.js';

export interface ReadoutOptions {
  seed: number;
  /** Time the battery level is anchored to (the start of the simulated period). */
  originMs: number;
  anomalies?: AnomalyRates;
  /** Standard deviation of the ultrasonic distance, mm. */
  distanceNoiseMm?: number;
}

/** How the payload's `ts` field is written: epoch ms, WIB ISO text, or left out. */
export type TimestampFormat = 'epoch-ms' | 'iso' | 'none';

const SALT_BATTERY_START = 31;
const SALT_BATTERY_DRAIN = 32;
const SALT_TEMP_OFFSET = 33;
const SALT_TILT = 34;

/** Ambient temperature in Serang: about 24 C before dawn to 32 C mid-afternoon (ASSUMPTION). */
const AMBIENT_MEAN_C = 28;
const AMBIENT_SWING_C = 4;
const AMBIENT_PEAK_HOUR = 14;

/**
 * Turns a bin's true fill into what its sensor reports: an ultrasonic distance with noise, a
 * slowly draining battery, the temperature inside the lid and the mounting tilt.
 */
export class SensorReadout {
  private readonly binHash: number;
  private readonly batteryStartPct: number;
  private readonly batteryDrainPctPerDay: number;
  private readonly tempOffsetC: number;
  private readonly baseTiltDeg: number;
  private readonly noiseMm: number;

  constructor(
    private readonly bin: SimBin,
    deviceId: string,
    private readonly options: ReadoutOptions,
  ) {
    const deviceHash = hashString(deviceId);
    this.binHash = hashString(bin.id);
    this.batteryStartPct = 70 + 30 * unitHash(options.seed, deviceHash, SALT_BATTERY_START);
    // 0.05-0.15 %/day: a cell lasting two to five years at one report per 15 minutes.
    this.batteryDrainPctPerDay =
      0.05 + 0.1 * unitHash(options.seed, deviceHash, SALT_BATTERY_DRAIN);
    this.tempOffsetC = 2 * unitHash(options.seed, deviceHash, SALT_TEMP_OFFSET) - 1;
    this.baseTiltDeg = 0.5 + 3 * unitHash(options.seed, deviceHash, SALT_TILT);
    this.noiseMm = options.distanceNoiseMm ?? 3;
  }

  batteryPctAt(ms: number): number {
    const days = (ms - this.options.originMs) / DAY_MS;

    return Math.max(0, Math.min(100, this.batteryStartPct - this.batteryDrainPctPerDay * days));
  }

  /** Distance the sensor would see for a fill fraction, without noise. */
  distanceForFill(fillFraction: number): number {
    return this.bin.mountHeightMm - fillFraction * this.bin.usableDepthMm;
  }

  payload(
    ms: number,
    fillFraction: number,
    seq: number,
    rng: SeededRandom,
    timestamp: TimestampFormat,
  ): NativePayload {
    const anomaly = anomalyAt(this.binHash, this.options.seed, ms, this.options.anomalies ?? {});

    const distanceMm = anomaly.fallen
      ? rng.between(100, 4000)
      : this.distanceForFill(fillFraction) + rng.gaussian(0, this.noiseMm);

    const batteryPct = this.batteryPctAt(ms);
    const hour = wibHourOfDay(ms);
    const ambientC =
      AMBIENT_MEAN_C +
      AMBIENT_SWING_C * Math.cos((2 * Math.PI * (hour - AMBIENT_PEAK_HOUR)) / 24) +
      this.tempOffsetC;
    // Decomposing waste warms a full bin a little; a fire ramps past the 60 C alert level.
    const temperatureC =
      anomaly.fireProgress === null
        ? ambientC + 1.5 * fillFraction + rng.gaussian(0, 0.3)
        : 62 + 28 * anomaly.fireProgress + rng.gaussian(0, 1);
    const tiltDeg = anomaly.fallen
      ? rng.between(75, 95)
      : Math.abs(this.baseTiltDeg + rng.gaussian(0, 0.3));

    const payload: NativePayload = {
      ts: timestampField(ms, timestamp),
      seq,
      distance_mm: Math.max(0, Math.round(distanceMm)),
      battery_pct: round1(batteryPct),
      // Li-ion cell: 3.3 V empty to 4.2 V full, close enough to linear for a simulator.
      battery_v: Math.round((3.3 + (0.9 * batteryPct) / 100) * 100) / 100,
      temperature_c: round1(temperatureC),
      tilt_deg: round1(tiltDeg),
    };
    if (payload.ts === undefined) delete payload.ts;

    return payload;
  }
}

export function timestampField(ms: number, format: TimestampFormat): number | string | undefined {
  if (format === 'epoch-ms') return Math.round(ms);

  return format === 'iso' ? toWibIso(ms) : undefined;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
