import type { NativePayload } from '../src/ingest/native-payload.js';
import { BinFillModel } from './fill-model.js';
import { collectionsBetween } from './pickup-cadence.js';
import { hashString, mix32, SeededRandom } from './random.js';
import { SensorReadout, type TimestampFormat } from './sensor-readout.js';
import type { AnomalyRates, GenerationEvent, SimBin } from './sim-types.js';

export interface BinSimulationOptions {
  seed: number;
  /** Start of the simulated period: the fill model and the battery begin here. */
  originMs: number;
  events?: readonly GenerationEvent[];
  anomalies?: AnomalyRates;
  distanceNoiseMm?: number;
}

/**
 * One bin and its sensor: the fill model (truth) plus the readout (what the device reports).
 * Built the same way by the history generator and the live fleet, so a fleet resumed at the end
 * of a backfill continues the same curves.
 */
export class BinSimulation {
  readonly fill: BinFillModel;
  private readonly readout: SensorReadout;
  /** Sequential noise stream, seeded per device so fleets of any size stay reproducible. */
  readonly rng: SeededRandom;

  constructor(
    readonly bin: SimBin,
    readonly deviceId: string,
    private readonly options: BinSimulationOptions,
  ) {
    const modelOptions = { seed: options.seed, events: options.events ?? [] };
    this.fill = new BinFillModel(bin, options.originMs, modelOptions);
    this.readout = new SensorReadout(bin, deviceId, {
      seed: options.seed,
      originMs: options.originMs,
      anomalies: options.anomalies ?? {},
      distanceNoiseMm: options.distanceNoiseMm ?? 3,
    });
    this.rng = new SeededRandom(mix32(options.seed, hashString(deviceId)));
  }

  /** Advances the bin to `ms` and returns the sensor's reading of it. */
  reading(ms: number, seq: number, timestamp: TimestampFormat): NativePayload {
    this.fill.advanceTo(ms);

    return this.readout.payload(ms, this.fill.fillFraction, seq, this.rng, timestamp);
  }

  empty(ms: number): void {
    this.fill.empty(ms);
  }

  /**
   * Replays the period from the origin to `toMs` with the cadence collections, without readings:
   * how a live fleet picks up where a backfill with the same seed and origin stopped.
   */
  fastForwardWithCadence(toMs: number): void {
    for (const ts of collectionsBetween(this.bin, this.options.originMs, toMs, this.options.seed)) {
      this.fill.empty(ts);
    }
    this.fill.advanceTo(toMs);
  }
}
