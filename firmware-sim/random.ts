/**
 * Deterministic randomness for the simulator. Two flavours:
 *
 * - `SeededRandom`, a sequential stream (mulberry32) for per-reading sensor noise;
 * - `unitHash`, a stateless hash of integers to [0, 1), for facts that must not depend on the
 *   order they are asked in (a bin's day-to-day noise, its pickup days). The history generator
 *   and the live fleet both ask for them, so they must agree whatever they sampled before.
 */

const UINT32 = 4_294_967_296;

export class SeededRandom {
  private state: number;
  private spareGaussian: number | null = null;

  constructor(seed: number) {
    this.state = mix32(seed >>> 0, 0x9e3779b9);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / UINT32;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  /** Normal deviate (Box-Muller); the second value of each pair is kept for the next call. */
  gaussian(mean = 0, sd = 1): number {
    if (this.spareGaussian !== null) {
      const spare = this.spareGaussian;
      this.spareGaussian = null;

      return mean + sd * spare;
    }

    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareGaussian = radius * Math.sin(2 * Math.PI * v);

    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }
}

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit id for bin and device ids. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }

  return hash >>> 0;
}

/** Combines two 32-bit values with a murmur3-style avalanche so nearby inputs scatter. */
export function mix32(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0xcc9e2d51)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);

  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform value in [0, 1) that depends only on its integer arguments. */
export function unitHash(...parts: number[]): number {
  let h = 0x2545f491;
  for (const part of parts) h = mix32(h, part | 0);

  return h / UINT32;
}
