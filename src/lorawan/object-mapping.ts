import { z } from 'zod';

/**
 * Configuration for models we have no codec for: which fields of the network server's decoded
 * object (TTN `decoded_payload`, ChirpStack `object`) hold which of our values. Paths are dotted
 * (`distance.value` for Decentlab-style `{ value, unit }` objects); `scale` converts the vendor's
 * unit into ours (metres to mm: 1000, cm to mm: 10).
 *
 *   { "acme-bin-100": { "distanceMm": { "path": "distance", "scale": 1000 },
 *                       "batteryPct": "battery",
 *                       "noEcho": { "path": "status", "equals": ["no target"] } } }
 */
const fieldPathSchema = z
  .string()
  .min(1)
  .regex(/^[^.]+(\.[^.]+)*$/, 'a dotted path such as "distance" or "distance.value"');

const numericFieldSchema = z.union([
  fieldPathSchema.transform((path) => ({ path, scale: 1 })),
  z
    .object({
      path: fieldPathSchema,
      scale: z
        .number()
        .refine(Number.isFinite)
        .refine((v) => v !== 0, 'scale must not be 0'),
    })
    .partial({ scale: true })
    .transform((f) => ({ path: f.path, scale: f.scale ?? 1 })),
]);

const flagFieldSchema = z.object({
  path: fieldPathSchema,
  /** Values meaning "yes"; when absent, any truthy value (true, non-zero, "true") does. */
  equals: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .min(1)
    .optional(),
});

export const objectMappingSchema = z
  .object({
    distanceMm: numericFieldSchema,
    fillPct: numericFieldSchema,
    batteryPct: numericFieldSchema,
    batteryV: numericFieldSchema,
    temperatureC: numericFieldSchema,
    tiltDeg: numericFieldSchema,
    tilted: flagFieldSchema,
    noEcho: flagFieldSchema,
  })
  .partial()
  .strict()
  .refine((m) => Object.keys(m).length > 0, 'a mapping needs at least one field');

export const objectMappingsSchema = z.record(z.string().min(1), objectMappingSchema);

export type ObjectMapping = z.output<typeof objectMappingSchema>;
export type ObjectMappings = z.output<typeof objectMappingsSchema>;
export type NumericField = NonNullable<ObjectMapping['distanceMm']>;
export type FlagField = NonNullable<ObjectMapping['noEcho']>;

/** Validates mapping configuration, with messages naming the model and field at fault. */
export function parseObjectMappings(
  input: unknown,
): { ok: true; mappings: ObjectMappings } | { ok: false; reason: string } {
  const parsed = objectMappingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, mappings: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

  return { ok: false, reason: `invalid decoded-object mapping: ${issues.join('; ')}` };
}
