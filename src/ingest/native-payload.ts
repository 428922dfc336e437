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

const finite = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .refine(Number.isFinite, 'must be a finite number')
    .refine((v) => v >= min && v <= max, `must be between ${min} and ${max}`);

export const nativePayloadSchema = z
  .object({
    ts: z
      .union([z.number().int().positive(), z.string().min(10).max(40)])
      .optional()
      .describe('measurement time: ISO 8601 with offset, or epoch milliseconds'),
    seq: z.number().int().min(0).max(4_294_967_295).optional(),
    distance_mm: finite(0, 20_000).optional(),
    fill_pct: finite(0, 100).optional(),
    battery_pct: finite(0, 100).optional(),
    battery_v: finite(0, 60).optional(),
    temperature_c: finite(-40, 125).optional(),
    tilt_deg: finite(0, 180).optional(),
  })
  .strict()
  .refine((p) => (p.distance_mm === undefined) !== (p.fill_pct === undefined), {
    message: 'exactly one of distance_mm and fill_pct is required',
  });

export type NativePayload = z.infer<typeof nativePayloadSchema>;
