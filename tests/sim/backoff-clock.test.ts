import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../firmware-sim/backoff.js';
import { SeededRandom } from '../../firmware-sim/random.js';
import { SimClock } from '../../firmware-sim/sim-clock.js';

describe('reconnect backoff', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('grows exponentially up to the cap, never below the base', () => {
    expect(backoffDelayMs(0, policy, 0.999)).toBeLessThanOrEqual(1_000);
    expect(backoffDelayMs(3, policy, 0.999)).toBeGreaterThan(7_900);
    expect(backoffDelayMs(3, policy, 0.999)).toBeLessThanOrEqual(8_000);
    expect(backoffDelayMs(50, policy, 0.999)).toBeLessThanOrEqual(60_000);
    expect(backoffDelayMs(50, policy, 0.999)).toBeGreaterThan(59_000);
    for (let attempt = 0; attempt < 40; attempt++) {
      expect(backoffDelayMs(attempt, policy, 0)).toBe(1_000);
    }
  });

  it('spreads a fleet that lost its broker at the same moment', () => {
    const rng = new SeededRandom(1);
    const delays = Array.from({ length: 200 }, () => backoffDelayMs(5, policy, rng.next()));
    const buckets = new Set(delays.map((d) => Math.floor(d / 4_000)));

    expect(buckets.size).toBeGreaterThanOrEqual(7);
  });
});

describe('simulated clock', () => {
  it('runs speed times faster than the wall clock from its start', () => {
    let wall = 1_000_000;
    const clock = new SimClock(60, 5_000_000, () => wall);

    expect(clock.now()).toBe(5_000_000);
    wall += 1_000;
    expect(clock.now()).toBe(5_060_000);
    expect(clock.realMs(900_000)).toBe(15_000);
  });

  it('refuses a speed that is not a positive number', () => {
    expect(() => new SimClock(0)).toThrow(/positive/);
    expect(() => new SimClock(Number.NaN)).toThrow(/positive/);
  });
});
