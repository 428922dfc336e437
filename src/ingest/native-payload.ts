import { z } from 'zod';

/**
 * The native telemetry payload a Pesan Ibu sensor publishes (JSON, UTF-8):
 *
 *   { "ts": "2026-12-03T05:00:00+07:00" | 1796..., "seq": 42,
 *     "distance_mm": 512 | "fill_pct": 63.5,
 *     "battery_pct": 88, "battery_v": 3.6, "temperature_c": 31.2, "tilt_deg": 4 }
 *
 * Exactly one of distance_mm / fill_pct is required; everything else is optional.
 */
export const MAX_PAYLOAD_BYTES = 1024;

/**
 * Measured values and their accepted ranges: one table for the native schema, its fast check,
 * and the values our LoRaWAN codecs decode.
 */
export const MEASUREMENT_RANGES = {
  distance_mm: [0, 20_000],
  fill_pct: [0, 100],
  battery_pct: [0, 100],
  battery_v: [0, 60],
  temperature_c: [-40, 125],
  tilt_deg: [0, 180],
} as const satisfies Record<string, readonly [number, number]>;

export type MeasurementKey = keyof typeof MEASUREMENT_RANGES;

/**
 * The first value outside its accepted range, as a reason a person can act on, or null.
 * Missing values (null) are fine: a sensor need not report everything.
 */
export function measurementRangeProblem(
  values: Partial<Record<MeasurementKey, number | null>>,
): string | null {
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    const [min, max] = MEASUREMENT_RANGES[key as MeasurementKey];
    if (!inRange(value, min, max))
      return `${key}: must be between ${min} and ${max} (got ${value})`;
  }

  return null;
}

const SEQ_MAX = 4_294_967_295;
const TS_TEXT_LENGTH = [10, 40] as const;

const finite = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, 'must be a finite number')
    .refine((v) => v >= min && v <= max, `must be between ${min} and ${max}`);

const measurementFields = Object.fromEntries(
  Object.entries(MEASUREMENT_RANGES).map(([key, [min, max]]) => [key, finite(min, max).optional()]),
) as { [K in MeasurementKey]: z.ZodOptional<ReturnType<typeof finite>> };

export const nativePayloadSchema = z
  .object({
    ts: z
      .union([
        z.number().int().positive(),
        z.string().min(TS_TEXT_LENGTH[0]).max(TS_TEXT_LENGTH[1]),
      ])
      .optional()
      .describe('measurement time: ISO 8601 with offset, or epoch milliseconds'),
    seq: z.number().int().min(0).max(SEQ_MAX).optional(),
    ...measurementFields,
  })
  .strict()
  .refine((p) => (p.distance_mm === undefined) !== (p.fill_pct === undefined), {
    message: 'exactly one of distance_mm and fill_pct is required',
  });

export type NativePayload = z.infer<typeof nativePayloadSchema>;

const inRange = (value: unknown, min: number, max: number): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

function knownFieldValid(key: string, value: unknown): boolean {
  if (key === 'seq') return Number.isSafeInteger(value) && inRange(value, 0, SEQ_MAX);
  if (key === 'ts') {
    if (typeof value === 'string') {
      return value.length >= TS_TEXT_LENGTH[0] && value.length <= TS_TEXT_LENGTH[1];
    }

    return Number.isSafeInteger(value) && (value as number) > 0;
  }
  const range = Object.hasOwn(MEASUREMENT_RANGES, key)
    ? MEASUREMENT_RANGES[key as MeasurementKey]
    : undefined;

  return range !== undefined && inRange(value, range[0], range[1]);
}

/**
 * The same rules as `nativePayloadSchema`, checked by hand for the one case that matters for
 * throughput: a payload that is plainly valid. Every reading passes through here, and the zod
 * schema costs several microseconds per message on the broker's thread. Returns the payload
 * when it is certainly valid and null otherwise; on null the schema decides, so every refusal
 * (and its reason) still comes from the schema. A test holds the two to the same verdicts.
 */
export function plainlyValidPayload(json: unknown): NativePayload | null {
  if (
    typeof json !== 'object' ||
    json === null ||
    Object.getPrototypeOf(json) !== Object.prototype
  ) {
    return null;
  }
  const fields = json as Record<string, unknown>;
  for (const key in fields) {
    if (!Object.hasOwn(fields, key) || !knownFieldValid(key, fields[key])) return null;
  }
  if (Object.hasOwn(fields, 'distance_mm') === Object.hasOwn(fields, 'fill_pct')) return null;

  return fields as NativePayload;
}
