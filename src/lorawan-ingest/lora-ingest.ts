import { Counter, type Registry } from 'prom-client';
import type { DeviceDirectory } from '../ingest/device-directory.js';
import type { IngestOutcome, IngestService } from '../ingest/ingest-service.js';
import { measurementRangeProblem } from '../ingest/native-payload.js';
import { timeRangeProblem } from '../ingest/parse-native.js';
import { type Rejection, reject } from '../ingest/rejections.js';
import {
  type CodecRegistry,
  codecRegistry,
  decodeUplink,
  type NetworkServer,
  type ObjectMappings,
  parseUplink,
  uplinkDeviceKey,
} from '../lorawan/index.js';
import { describeLoraDevice, findLoraDevice } from './find-lora-device.js';
import { loraMeasurement } from './lora-measurement.js';

/** A status frame (battery, configuration, history only) carries no level: nothing to store. */
export type LoraOutcome = IngestOutcome | { status: 'status-frame' };

export interface LoraIngestDeps {
  ingest: IngestService;
  directory: DeviceDirectory;
  objectMappings: ObjectMappings;
  limits: { futureToleranceS: number; maxAgeDays: number };
  metrics: Registry;
  codecs?: CodecRegistry;
  now?: () => number;
}

/**
 * The LoRaWAN ingest path, shared by both ways uplinks arrive (a network server publishing into
 * our broker, or our client subscribed to its broker): envelope, device, decode, reading, then
 * the common ingest (quality gate, dedupe, durable store). Every refusal is quarantined with
 * its reason and counted; the returned promise settles once the outcome is durable.
 */
export class LoraIngest {
  private readonly uplinks: Counter<'server' | 'via' | 'outcome'>;
  private readonly codecs: CodecRegistry;
  private readonly now: () => number;

  constructor(private readonly deps: LoraIngestDeps) {
    this.codecs = deps.codecs ?? codecRegistry;
    this.now = deps.now ?? Date.now;
    this.uplinks = new Counter({
      name: 'pesan_lorawan_uplinks_total',
      help: 'Network-server uplinks by server, connection and outcome',
      labelNames: ['server', 'via', 'outcome'],
      registers: [deps.metrics],
    });
  }

  /** `via` names the integration account or upstream connection the message came through. */
  async handle(
    server: NetworkServer,
    topic: string,
    payload: Buffer,
    via: string,
  ): Promise<LoraOutcome> {
    const outcome = await this.process(server, topic, payload);
    this.uplinks.inc({ server, via, outcome: outcome.status });

    return outcome;
  }

  private async process(server: NetworkServer, topic: string, payload: Buffer) {
    const now = this.now();
    const refuse = (rejection: Rejection, deviceId: string | null) =>
      this.deps.ingest.refuse(rejection, deviceId, topic, payload, server);

    const parsed = parseUplink(server, topic, payload, { nowMs: now });
    if (!parsed.ok) return refuse(reject('bad-envelope', `${parsed.code}: ${parsed.reason}`), null);
    const uplink = parsed.uplink;

    const entry = findLoraDevice(this.deps.directory, uplink);
    if (entry === undefined) {
      const rejection = reject('unknown-lorawan-device', describeLoraDevice(uplink));

      return refuse(rejection, uplinkDeviceKey(uplink));
    }
    const { device, bin } = entry;
    if (!device.enabled) return refuse(reject('device-disabled', device.id), device.id);
    if (!bin?.enabled)
      return refuse(reject('unknown-bin', `${device.id} -> ${device.binId}`), device.id);

    const decoded = decodeUplink(uplink, device.model, {
      registry: this.codecs,
      objectMappings: this.deps.objectMappings,
    });
    if (!decoded.ok) {
      const detail = `${device.model}, FPort ${uplink.fPort}, ${decoded.code}: ${decoded.reason}`;

      return refuse(reject('decode-failed', detail), device.id);
    }
    if (decoded.frame.kind === 'status') return { status: 'status-frame' as const };

    // A codec reads what the bytes say; a byte read as battery 255 % (or a decoded object
    // mapping a field wrongly) is a bad frame, not a reading to pass on.
    const frame = decoded.frame;
    const implausible = measurementRangeProblem({
      distance_mm: frame.noEcho ? null : frame.distanceMm,
      battery_pct: frame.batteryPct,
      battery_v: frame.batteryV,
      temperature_c: frame.temperatureC,
      tilt_deg: frame.tiltDeg,
    });
    if (implausible !== null) {
      const detail = `${device.model}, FPort ${uplink.fPort}, value out of range: ${implausible}`;

      return refuse(reject('decode-failed', detail), device.id);
    }

    const late = timeRangeProblem(uplink.receivedAtMs, now, this.deps.limits);
    if (late !== null) return refuse(late, device.id);

    const measurement = loraMeasurement(
      uplink,
      decoded.frame,
      { device, bin },
      {
        now,
        codecs: this.codecs,
      },
    );

    return this.deps.ingest.ingestMeasurement(measurement, bin);
  }
}
