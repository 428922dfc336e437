import { describe, expect, it } from 'vitest';
import { nativePayloadSchema, plainlyValidPayload } from '../../src/ingest/native-payload.js';
import { seededRandom } from '../../src/shared/random.js';

/**
 * The hand-written fast check may only ever say "valid" where the zod schema says so too, with
 * the same data; where it declines, the schema decides (and explains). Payloads are generated
 * around every rule's edges.
 */
const EDGE_VALUES: unknown[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  60,
  60.0001,
  100,
  100.5,
  125,
  126,
  180,
  181,
  -40,
  -40.5,
  20_000,
  20_001,
  4_294_967_295,
  4_294_967_296,
  Number.MAX_SAFE_INTEGER,
  2 ** 60,
  1.5e300,
  '12',
  '2026-12-03T05:00:00+07:00',
  'short',
  'x'.repeat(40),
  'x'.repeat(41),
  null,
  true,
  [],
  {},
];
const KEYS = [
  'ts',
  'seq',
  'distance_mm',
  'fill_pct',
  'battery_pct',
  'battery_v',
  'temperature_c',
  'tilt_deg',
  'extra',
  '__proto__',
];

function randomPayload(random: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const payload: Record<string, unknown> = {};
  const count = Math.floor(random() * 5);
  // Mostly one of the two level fields, as real frames carry, so valid payloads are common.
  if (random() < 0.9) payload[random() < 0.7 ? 'distance_mm' : 'fill_pct'] = pick(EDGE_VALUES);
  for (let i = 0; i < count; i++) payload[pick(KEYS)] = pick(EDGE_VALUES);

  // Through JSON, as the broker hands it over (a JSON "__proto__" key is an own property).
  return JSON.parse(JSON.stringify(payload).replace('"extra"', '"__proto__"'));
}

describe('native payload fast check', () => {
  it('accepts only what the schema accepts, with the same data', () => {
    const random = seededRandom(7);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const json = randomPayload(random);
      const fast = plainlyValidPayload(json);
      const schema = nativePayloadSchema.safeParse(json);
      if (fast !== null) {
        accepted++;
        expect(schema.success, JSON.stringify(json)).toBe(true);
        expect({ ...fast }).toEqual(schema.data);
      }
    }
    // The generator reaches the valid side often enough for the comparison to mean something.
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('takes the frames sensors send every few minutes', () => {
    const frames = [
      { seq: 42, distance_mm: 512, battery_pct: 88 },
      { ts: '2026-12-03T05:00:00+07:00', seq: 0, fill_pct: 63.5, temperature_c: -3.5 },
      { ts: 1_796_000_000_000, distance_mm: 0, battery_v: 3.6, tilt_deg: 4 },
    ];
    for (const frame of frames) {
      expect(plainlyValidPayload(JSON.parse(JSON.stringify(frame)))).toEqual(frame);
    }
  });

  it('leaves anything doubtful to the schema', () => {
    for (const json of [
      null,
      [],
      42,
      'text',
      { distance_mm: 1, fill_pct: 2 },
      { battery_pct: 50 },
      { distance_mm: 1, seq: 1.5 },
      { distance_mm: 1, unknown: 1 },
      { distance_mm: 20_001 },
      { distance_mm: 1, ts: 0 },
      Object.create({ distance_mm: 1 }),
    ]) {
      expect(plainlyValidPayload(json)).toBeNull();
    }
  });
});
