import { z } from 'zod';

/**
 * Field schemas shared by the TTN and ChirpStack envelope parsers. Both servers serialise
 * protobuf to JSON, which drops zero/false/empty values and may write 64-bit integers as strings
 * and integers as floats: the schemas accept those forms and normalise them.
 */
const numericString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
  .transform(Number);

export const numberLike = z.union([z.number().refine(Number.isFinite), numericString]);

export function integerIn(min: number, max: number) {
  return numberLike.refine(
    (v) => Number.isInteger(v) && v >= min && v <= max,
    `must be an integer between ${min} and ${max}`,
  );
}

export const fPortField = integerIn(0, 255);
export const fCntField = integerIn(0, 4_294_967_295);

export const base64Field = z
  .string()
  .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'must be standard base64');

export const euiField = z
  .string()
  .regex(/^[0-9a-fA-F]{16}$/, 'must be 16 hex digits')
  .transform((s) => s.toLowerCase());

export const devAddrField = z
  .string()
  .regex(/^[0-9a-fA-F]{8}$/, 'must be 8 hex digits')
  .transform((s) => s.toLowerCase());

/** RFC 3339 with any number of fraction digits (TTN writes nanoseconds) → epoch ms. */
export const timeField = z.string().transform((s, ctx) => {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not an RFC 3339 time` });
    return z.NEVER;
  }

  return ms;
});

export function decodeBase64(text: string | undefined): Uint8Array {
  return text === undefined ? new Uint8Array(0) : new Uint8Array(Buffer.from(text, 'base64'));
}

export function plainObjectOrNull(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;

  return value as Record<string, unknown>;
}

/** One gateway's reception of the frame, in the servers' common terms. */
export interface Reception {
  gatewayId: string;
  rssi: number | null;
  snr: number;
}

/**
 * The best reception is the one with the highest SNR (ties: stronger RSSI). The gateway count
 * counts distinct gateways: one gateway with two antennas reports two receptions.
 */
export function summariseReceptions(receptions: readonly Reception[]): {
  rssi: number | null;
  snr: number | null;
  gatewayCount: number;
} {
  let best: Reception | null = null;
  for (const r of receptions) {
    const better =
      best === null ||
      r.snr > best.snr ||
      (r.snr === best.snr && (r.rssi ?? -Infinity) > (best.rssi ?? -Infinity));
    if (better) best = r;
  }

  return {
    rssi: best?.rssi ?? null,
    snr: best?.snr ?? null,
    gatewayCount: new Set(receptions.map((r) => r.gatewayId)).size,
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}
