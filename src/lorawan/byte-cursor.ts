import { FrameRejectedError } from './decode-result.js';

/**
 * Reads a frame left to right with bounds checks: running past the end raises a `truncated`
 * rejection instead of the silent `undefined` a plain array index would give.
 */
export class ByteCursor {
  private offset = 0;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  u8(): number {
    return this.view.getUint8(this.advance(1));
  }

  u16be(): number {
    return this.view.getUint16(this.advance(2), false);
  }

  u16le(): number {
    return this.view.getUint16(this.advance(2), true);
  }

  i16be(): number {
    return this.view.getInt16(this.advance(2), false);
  }

  i16le(): number {
    return this.view.getInt16(this.advance(2), true);
  }

  u32be(): number {
    return this.view.getUint32(this.advance(4), false);
  }

  u32le(): number {
    return this.view.getUint32(this.advance(4), true);
  }

  i32be(): number {
    return this.view.getInt32(this.advance(4), false);
  }

  f32be(): number {
    return this.view.getFloat32(this.advance(4), false);
  }

  f32le(): number {
    return this.view.getFloat32(this.advance(4), true);
  }

  take(length: number): Uint8Array {
    const start = this.advance(length);

    return this.bytes.subarray(start, start + length);
  }

  private advance(length: number): number {
    if (length > this.remaining) {
      throw new FrameRejectedError(
        'truncated',
        `frame ends early: needed ${length} more byte(s) at offset ${this.offset}, ` +
          `${this.remaining} left of ${this.bytes.length}`,
      );
    }
    const start = this.offset;
    this.offset += length;

    return start;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('hex')
    .toUpperCase();
}

/** Rounds to a fixed number of decimals (sensor floats carry noise below their resolution). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;

  return Math.round(value * factor) / factor;
}
