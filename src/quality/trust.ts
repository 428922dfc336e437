import type { ReadingQuality } from '../domain/reading.js';

/**
 * Whether a reading's level may be acted on by itself (full alert, route stop). A low battery
 * does not make the measured level wrong; every other flag does. Suspect readings are still
 * stored and shown, and may raise a "please verify" alert instead.
 */
export const QUALITY_TRUSTS_LEVEL: Readonly<Record<ReadingQuality, boolean>> = Object.freeze({
  ok: true,
  'low-battery': true,
  'no-echo': false,
  'out-of-range': false,
  spike: false,
  stuck: false,
});

export function levelIsTrusted(quality: ReadingQuality): boolean {
  return QUALITY_TRUSTS_LEVEL[quality];
}
