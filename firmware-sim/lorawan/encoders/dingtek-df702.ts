import { type EncodedFrame, FrameWriter, type SimReading } from '../sim-reading.js';

/** Dingtek DF702 17-byte measurement frame without GPS, FPort 3. */
export function encodeDingtekDf702(reading: SimReading, frameCounter = 0): EncodedFrame {
  const tilt = reading.tiltDeg ?? 0;
  const w = new FrameWriter()
    .raw([0x80, 0x00, 0x01, 0x01, 17])
    .u16be(reading.distanceMm ?? 0)
    .u8(0)
    .u8(Math.round(reading.temperatureC ?? 30))
    .u8(tilt < 0 ? 1 : 0)
    .u8(Math.abs(Math.round(tilt)))
    .u8(0x00)
    .u8(reading.tilted ? 0x10 : 0x00)
    .u16be(frameCounter)
    .u8(0)
    .u8(0x81);

  return { fPort: 3, bytes: w.toBytes() };
}
