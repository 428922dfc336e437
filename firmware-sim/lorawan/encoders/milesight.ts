import { type EncodedFrame, FrameWriter, type SimReading } from '../sim-reading.js';

/**
 * Milesight EM-series record chains on FPort 85 (see src/lorawan/codecs/milesight-*.ts for the
 * layouts). A silent transducer is sent as distance 0, which the quality gate reads as no-echo.
 */
const PORT = 85;

export function encodeEm310Udl(reading: SimReading): EncodedFrame {
  const w = new FrameWriter();
  if (reading.batteryPct !== undefined) w.raw([0x01, 0x75]).u8(reading.batteryPct);
  w.raw([0x03, 0x82]).u16le(reading.distanceMm ?? 0);
  if (reading.tilted !== undefined) w.raw([0x04, 0x00]).u8(reading.tilted ? 1 : 0);

  return { fPort: PORT, bytes: w.toBytes() };
}

export function encodeEm400Mud(reading: SimReading): EncodedFrame {
  const w = new FrameWriter();
  if (reading.batteryPct !== undefined) w.raw([0x01, 0x75]).u8(reading.batteryPct);
  if (reading.temperatureC !== undefined) {
    w.raw([0x03, 0x67]).i16le(Math.round(reading.temperatureC * 10));
  }
  w.raw([0x04, 0x82]).u16le(reading.distanceMm ?? 0);
  if (reading.tilted !== undefined) w.raw([0x05, 0x00]).u8(reading.tilted ? 1 : 0);

  return { fPort: PORT, bytes: w.toBytes() };
}

export function encodeEm500Udl(reading: SimReading): EncodedFrame {
  const w = new FrameWriter();
  if (reading.batteryPct !== undefined) w.raw([0x01, 0x75]).u8(reading.batteryPct);
  w.raw([0x03, 0x82]).u16le(reading.distanceMm ?? 0);

  return { fPort: PORT, bytes: w.toBytes() };
}
