/**
 * Angular sectors around the depot on a 0..65535 circle. SWAP* only pairs routes whose
 * sectors overlap, which prunes most route pairs on geometric instances.
 */
export const ANGLE_UNITS = 65536;

export const positiveMod = (i: number): number => ((i % ANGLE_UNITS) + ANGLE_UNITS) % ANGLE_UNITS;

export class CircleSector {
  start = 0;
  end = 0;

  reset(point: number): void {
    this.start = point;
    this.end = point;
  }

  encloses(point: number): boolean {
    return positiveMod(point - this.start) <= positiveMod(this.end - this.start);
  }

  /** Grows the sector by the smaller of the two arcs needed to cover `point`. */
  extend(point: number): void {
    if (this.encloses(point)) return;
    if (positiveMod(point - this.end) <= positiveMod(this.start - point)) this.end = point;
    else this.start = point;
  }

  static overlap(a: CircleSector, b: CircleSector): boolean {
    return (
      positiveMod(b.start - a.start) <= positiveMod(a.end - a.start) ||
      positiveMod(a.start - b.start) <= positiveMod(b.end - b.start)
    );
  }
}

/** Polar angle of (x, y) around (x0, y0) in circle units. */
export function polarAngle(x: number, y: number, x0: number, y0: number): number {
  return positiveMod(Math.round((32768 * Math.atan2(y - y0, x - x0)) / Math.PI));
}
