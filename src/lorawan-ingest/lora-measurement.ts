import { DEVICE_ALARMS, type Reading } from '../domain/reading.js';
import type { Bin, Device } from '../domain/registry.js';
import { fillFromDistance } from '../ingest/fill-geometry.js';
import type { Measurement } from '../ingest/quality-stage.js';
import {
  type CodecRegistry,
  type DecodedFrame,
  type LoraUplink,
  loraReadingFields,
  qualitySampleFromFrame,
  uplinkNeighbourKeys,
} from '../lorawan/index.js';
import { fillPctFromDistance } from '../quality/index.js';

/**
 * A decoded measurement frame as a reading of the device's bin. The fill comes from the bin's
 * geometry in our registry whenever the sensor sent a distance (a device's own fill depends on
 * settings made in the field); the device's fill is used only when there is no distance. The
 * quality fields are placeholders: the quality stage sets them.
 */
export function loraMeasurement(
  uplink: LoraUplink,
  frame: DecodedFrame,
  target: { device: Device; bin: Bin },
  context: { now: number; codecs: CodecRegistry },
): Measurement {
  const { device, bin } = target;
  const fields = loraReadingFields(uplink, frame);
  const distance = fields.distanceMm;
  const lowBatteryV = context.codecs.get(device.model)?.lowBatteryV ?? null;
  const reading: Reading = {
    ...fields,
    deviceId: device.id,
    binId: bin.id,
    areaId: bin.areaId,
    receivedAt: context.now,
    fillPct: storedFill(frame, distance, bin),
    quality: 'ok',
    qualityReason: null,
    signals: {
      // Only the alarms an alert rule answers; the others stay in the decoded frame.
      alarms: DEVICE_ALARMS.filter((name) => frame.alarms[name] === true),
      lowBatteryV,
    },
  };
  const sample = qualitySampleFromFrame(frame, {
    id: fields.dedupeKey,
    ts: fields.ts,
    // Unclamped, so the gate sees a level over the rim or under the floor for what it is.
    fillPct: distance === null ? null : fillPctFromDistance(distance, bin),
  });

  return {
    reading,
    sample,
    lowBatteryV,
    twinKeys: uplinkNeighbourKeys(uplink),
  };
}

function storedFill(frame: DecodedFrame, distance: number | null, bin: Bin): number {
  if (distance !== null) return fillFromDistance(distance, bin).fillPct;
  if (frame.deviceFillPct !== null) {
    return Math.round(Math.min(100, Math.max(0, frame.deviceFillPct)) * 10) / 10;
  }

  // No echo: the level is unknown; the quality stage puts the last trusted level here.
  return 0;
}
