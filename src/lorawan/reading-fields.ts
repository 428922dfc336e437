import type { Reading } from '../domain/reading.js';
import type { DecodedFrame } from './decoded-frame.js';
import { uplinkDedupeKey } from './dedupe-key.js';
import type { LoraUplink } from './uplink.js';

/**
 * The parts of a `Reading` an uplink and its decoded frame determine. Ingest adds the device,
 * bin and area, its own receive time, the fill percentage and the quality verdict.
 *
 * LoRaWAN sensors keep no clock, so the measurement time is when the network server heard the
 * frame; the frame counter is the sequence number.
 */
export type LoraReadingFields = Pick<
  Reading,
  | 'ts'
  | 'seq'
  | 'distanceMm'
  | 'batteryPct'
  | 'batteryV'
  | 'temperatureC'
  | 'tiltDeg'
  | 'rssi'
  | 'snr'
  | 'gateways'
  | 'source'
  | 'dedupeKey'
>;

export function loraReadingFields(uplink: LoraUplink, frame: DecodedFrame): LoraReadingFields {
  return {
    ts: uplink.receivedAtMs,
    seq: uplink.fCnt,
    distanceMm: frame.noEcho ? null : frame.distanceMm,
    batteryPct: frame.batteryPct,
    batteryV: frame.batteryV,
    temperatureC: frame.temperatureC,
    tiltDeg: frame.tiltDeg,
    rssi: uplink.rssi,
    snr: uplink.snr,
    gateways: uplink.gatewayCount,
    source: uplink.source,
    dedupeKey: uplinkDedupeKey(uplink),
  };
}
