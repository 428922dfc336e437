import type { DecodedFrame } from './decoded-frame.js';

/**
 * Why a frame was refused. Codes are stable (logs, metrics, quarantine); the reason is a sentence
 * a technician can act on.
 */
export const REJECTION_CODES = [
  'unknown-model',
  'unknown-port',
  'empty-payload',
  'wrong-length',
  'truncated',
  'bad-framing',
  'unsupported-version',
  'unknown-record',
  'bad-value',
  'missing-object',
  'bad-object-field',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  ok: false;
  code: RejectionCode;
  reason: string;
}

export type DecodeResult = { ok: true; frame: DecodedFrame } | Rejection;

export function reject(code: RejectionCode, reason: string): Rejection {
  return { ok: false, code, reason };
}

export function accept(frame: DecodedFrame): DecodeResult {
  return { ok: true, frame };
}

/** Thrown by codec internals when a frame ends early; the registry turns it into a rejection. */
export class FrameRejectedError extends Error {
  constructor(
    readonly code: RejectionCode,
    reason: string,
  ) {
    super(reason);
    this.name = 'FrameRejectedError';
  }
}

export function hex(value: number, digits = 2): string {
  return `0x${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}
