import { type EncodedFrame, FrameWriter, type SimReading } from '../sim-reading.js';

/**
 * Pepperl+Fuchs WILSEN.sonic.level, FPort 1: length-prefixed elements. Distance in mm, then
 * fill % when the device computes one (else the echo amplitude, 0 for no echo), temperature,
 * battery.
 */
export function encodeWilsenSonicLevel(reading: SimReading): EncodedFrame {
  const w = new FrameWriter()
    .u8(4)
    .u16be(0x0b02)
    .u16be(reading.distanceMm ?? 0);
  if (reading.fillPct !== undefined) w.u8(3).u16be(0x0b06).u8(Math.round(reading.fillPct));
  else
    w.u8(3)
      .u16be(0x0b07)
      .u8(reading.distanceMm === null ? 0 : 255);
  if (reading.temperatureC !== undefined) w.u8(6).u16be(0x0201).f32(reading.temperatureC, false);
  if (reading.batteryV !== undefined)
    w.u8(3)
      .u16be(0x5101)
      .u8(Math.round(reading.batteryV * 10));

  return { fPort: 1, bytes: w.toBytes() };
}
