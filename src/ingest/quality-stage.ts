import type { Reading } from '../domain/reading.js';
import type { Bin } from '../domain/registry.js';
import {
  levelIsTrusted,
  type QualityCorrection,
  QualityGate,
  type QualitySample,
  type QualityTuning,
  qualityProfileForBin,
} from '../quality/index.js';
import type { TelemetryStore } from '../storage/telemetry-store.js';

/** A reading on its way in, with what the gate needs to judge it. */
export interface Measurement {
  /** Quality fields are overwritten with the gate's verdict. */
  reading: Reading;
  /** Its `id` must be the reading's dedupe key, so corrections can name the stored reading. */
  sample: QualitySample;
  /** The sensor model's replace-battery voltage, when it reports volts. */
  lowBatteryV: number | null;
  /**
   * Keys under which a copy of the same frame may have been stored just now (a LoRaWAN copy
   * heard across a dedupe time-bucket edge): seen recently, they make this one a duplicate.
   */
  twinKeys?: readonly string[];
}

export interface Judged {
  reading: Reading;
  /** Verdicts on earlier readings of the same bin the store should now replace. */
  corrections: QualityCorrection[];
}

const REPLAY_WINDOW_MS = 12 * 3_600_000;

/**
 * Runs every incoming reading through the reading-quality gate. Keeps the measured fill of a
 * suspect reading (a spike may yet be confirmed), except when there was no echo: then the level
 * is unknown, and the fill stored is the bin's last trusted level, never the 100 % a zero
 * distance would compute to.
 */
export class QualityStage {
  private readonly gate: QualityGate;

  /**
   * `defaultLowBatteryV` judges battery volts from sensors whose codec knows no threshold of
   * its own (native devices reporting battery_v, volt-reporting LoRaWAN models).
   */
  constructor(
    tuning: Partial<QualityTuning> = {},
    private readonly defaultLowBatteryV: number | null = null,
  ) {
    this.gate = new QualityGate(tuning);
  }

  judge(measurement: Measurement, bin: Bin): Judged {
    const { reading, sample, lowBatteryV } = measurement;
    const profile = qualityProfileForBin(bin, lowBatteryV ?? this.defaultLowBatteryV);
    const assessment = this.gate.assess(bin.id, profile, sample);
    let fillPct = reading.fillPct;
    let reason = assessment.reason;

    if (assessment.quality === 'no-echo') {
      const last = this.gate.stateOf(bin.id)?.trusted.at(-1);
      fillPct = last === undefined ? 0 : Math.round(clampPct(last.fillPct) * 10) / 10;
      reason =
        last === undefined
          ? `${reason}; no trusted level known yet, fill shown as 0 %`
          : `${reason}; fill shown is the last trusted level`;
    }

    return {
      reading: { ...reading, fillPct, quality: assessment.quality, qualityReason: reason },
      corrections: assessment.corrections,
    };
  }

  /**
   * Rebuilds each bin's memory from its recent trusted readings after a restart, so the first
   * reading after it is not judged without history. Pending spikes are not rebuilt: the next
   * readings settle them afresh.
   */
  async warmUp(store: TelemetryStore, bins: readonly Bin[], now: number): Promise<void> {
    for (const bin of bins) {
      const readings = await store.readings(bin.id, now - REPLAY_WINDOW_MS, now + 1);
      const trusted = readings.filter((r) => levelIsTrusted(r.quality)).map(storedSample);
      this.gate.replay(bin.id, qualityProfileForBin(bin), trusted);
    }
  }
}

function clampPct(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/** A stored reading as a gate sample: distance when there was one, else the stored fill. */
export function storedSample(reading: Reading): QualitySample {
  return {
    id: reading.dedupeKey,
    ts: reading.ts,
    distanceMm: reading.distanceMm,
    fillPct: reading.distanceMm === null ? reading.fillPct : null,
    noEcho: false,
    batteryPct: reading.batteryPct,
    batteryV: reading.batteryV,
    tilted: null,
    tiltDeg: reading.tiltDeg,
  };
}
