import { ApiError } from './errors.js';

/** Parses a `from`/`to` query value: ISO 8601 or epoch milliseconds. */
export function parseTime(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;

  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ApiError('INVALID_REQUEST', `${name}: "${value}" is not an ISO time or epoch ms`);
  }

  return ms;
}

export const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
