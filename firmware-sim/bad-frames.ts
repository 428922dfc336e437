import type { NativePayload } from '../src/ingest/native-payload.js';
import type { SeededRandom } from './random.js';

/**
 * Frames a faulty or badly flashed sensor sends, so the server's refusal paths (counting,
 * quarantine, rate-limited logs) get exercised by the simulated fleet.
 */
export const BAD_FRAME_KINDS = [
  'not-json',
  'wrong-type',
  'out-of-range',
  'unknown-field',
  'oversized',
] as const;
export type BadFrameKind = (typeof BAD_FRAME_KINDS)[number];

export interface EncodedFrame {
  body: Buffer;
  /** Null for a good frame. */
  badKind: BadFrameKind | null;
}

export function badFrame(kind: BadFrameKind, payload: NativePayload): Buffer {
  switch (kind) {
    case 'not-json': {
      // A frame cut short, as when a modem resets mid-write.
      const text = JSON.stringify(payload);

      return Buffer.from(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    case 'wrong-type':
      return json({ ...payload, distance_mm: String(payload.distance_mm ?? 0) });
    case 'out-of-range':
      return json({ ...payload, battery_pct: 250 });
    case 'unknown-field':
      return json({ ...payload, firmware_debug: 'stack 0x2f' });
    case 'oversized':
      return json({ ...payload, firmware_debug: 'x'.repeat(2048) });
  }
}

/** The frame to publish: the JSON payload, or with probability `badRate` a broken one. */
export function encodeFrame(
  payload: NativePayload,
  rng: SeededRandom,
  badRate: number,
): EncodedFrame {
  if (!rng.chance(badRate)) return { body: json(payload), badKind: null };

  const kind = BAD_FRAME_KINDS[Math.floor(rng.next() * BAD_FRAME_KINDS.length)]!;

  return { body: badFrame(kind, payload), badKind: kind };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
