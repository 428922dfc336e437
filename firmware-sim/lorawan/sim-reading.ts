/**
 * What a simulated LoRaWAN sensor measures at one moment, in Pesan Ibu's units. Each model's
 * encoder writes the fields its hardware reports and ignores the rest.
 */
export interface SimReading {
  /** Null = the transducer heard no echo (each model encodes that its own way). */
  distanceMm: number | null;
  batteryPct?: number;
  batteryV?: number;
  temperatureC?: number;
  tilted?: boolean;
  tiltDeg?: number;
  /** Device-computed fill, for models that send one. */
  fillPct?: number;
  /** Extra probes of multi-probe devices (probe 1 is `distanceMm`). */
  extraProbesMm?: number[];
}

export interface EncodedFrame {
  fPort: number;
  bytes: Uint8Array;
}

export type SensorEncoder = (reading: SimReading) => EncodedFrame;

/** Little helper for building frames byte by byte. */
export class FrameWriter {
  private readonly bytes: number[] = [];

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16be(value: number): this {
    return this.u8(value >> 8).u8(value);
  }

  u16le(value: number): this {
    return this.u8(value).u8(value >> 8);
  }

  i16le(value: number): this {
    return this.u16le(value & 0xffff);
  }

  i16be(value: number): this {
    return this.u16be(value & 0xffff);
  }

  u32be(value: number): this {
    return this.u16be(Math.floor(value / 0x10000)).u16be(value & 0xffff);
  }

  f32(value: number, littleEndian: boolean): this {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, littleEndian);
    for (let i = 0; i < 4; i += 1) this.u8(view.getUint8(i));
    return this;
  }

  raw(values: Iterable<number>): this {
    for (const v of values) this.u8(v);
    return this;
  }

  get length(): number {
    return this.bytes.length;
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** Milli-units as an integer, e.g. 3.402 V → 3402 mV. */
export const milli = (value: number): number => Math.round(value * 1000);
