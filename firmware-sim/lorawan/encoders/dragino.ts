import { type EncodedFrame, FrameWriter, milli, type SimReading } from '../sim-reading.js';

/** Dragino LDDS20 (8-byte frame, FPort 2); no echo is the "no sensor" value 0. */
export function encodeDraginoLdds20(reading: SimReading): EncodedFrame {
  const w = new FrameWriter()
    .u16be(milli(reading.batteryV ?? 3.3))
    .u16be(reading.distanceMm ?? 0)
    .u8(0)
    .i16be(Math.round((reading.temperatureC ?? 0) * 10))
    .u8(1);

  return { fPort: 2, bytes: w.toBytes() };
}

/** Dragino LDDS04 (four probes, 11 bytes, FPort 2, message type 1). */
export function encodeDraginoLdds04(reading: SimReading): EncodedFrame {
  const probes = [reading.distanceMm ?? 0, ...(reading.extraProbesMm ?? [])];
  const w = new FrameWriter().u16be(milli(reading.batteryV ?? 3.3));
  for (let i = 0; i < 4; i += 1) w.u16be(probes[i] ?? 0);
  w.u8(1);

  return { fPort: 2, bytes: w.toBytes() };
}
