import { type EncodedFrame, FrameWriter, milli, type SimReading } from '../sim-reading.js';

/** Decentlab DL-MBX, FPort 1: version 2, device id, group flags, distance + samples, battery. */
export function encodeDecentlabDlMbx(reading: SimReading, deviceId = 303): EncodedFrame {
  const hasBattery = reading.batteryV !== undefined;
  const w = new FrameWriter()
    .u8(2)
    .u16be(deviceId)
    .u16be(hasBattery ? 0b11 : 0b01);
  // No echo: the median over zero valid samples (the transducer's last value stays in the word).
  w.u16be(reading.distanceMm ?? 5000).u16be(reading.distanceMm === null ? 0 : 1);
  if (hasBattery) w.u16be(milli(reading.batteryV!));

  return { fPort: 1, bytes: w.toBytes() };
}
