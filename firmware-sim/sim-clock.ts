/**
 * Simulated time for the live fleet: it starts at `simStartMs` and runs `speed` times faster
 * than the wall clock, so a day of bin filling can pass in minutes.
 */
export class SimClock {
  private readonly realStartMs: number;

  constructor(
    readonly speed: number,
    readonly simStartMs: number = Date.now(),
    private readonly wallNow: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new RangeError(`simulation speed must be a positive number, got ${speed}`);
    }
    this.realStartMs = wallNow();
  }

  /** Current simulated time, epoch ms. */
  now(): number {
    return this.simStartMs + (this.wallNow() - this.realStartMs) * this.speed;
  }

  /** Wall-clock milliseconds that a simulated span takes. */
  realMs(simulatedMs: number): number {
    return simulatedMs / this.speed;
  }
}
