import { HttpError } from '@influxdata/influxdb-client';

/**
 * What became of one write request, decided once here so the writer never parses messages:
 * - written: the server stored it;
 * - retry: the server is unreachable, slow, overloaded or failing (network errors, timeouts,
 *   5xx, 429); try again later, no sooner than retryAfterMs when the server said so;
 * - rejected: the data is invalid (400, 413, 422); retrying cannot help, it goes to quarantine;
 * - refused: the server will not take writes from us (401, 403, 404 unknown database, other
 *   4xx); nothing is wrong with the data, so it stays spooled until an operator fixes access.
 */
export type WriteOutcome =
  | { kind: 'written' }
  | { kind: 'retry'; error: string; retryAfterMs: number | null }
  | { kind: 'rejected'; status: number; error: string; droppedPoints: number | null }
  | { kind: 'refused'; status: number; error: string };

const INVALID_DATA_STATUSES = new Set([400, 413, 422]);

export function classifyWriteError(err: unknown): WriteOutcome {
  if (!(err instanceof HttpError)) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const message = err instanceof Error ? err.message : String(err);

    return { kind: 'retry', error: code ? `${code} ${message}` : message, retryAfterMs: null };
  }

  const error = `${err.statusCode} ${serverMessage(err)}`;
  if (err.statusCode === 429 || err.statusCode >= 500) {
    return { kind: 'retry', error, retryAfterMs: parseRetryAfterMs(header(err, 'retry-after')) };
  }
  if (INVALID_DATA_STATUSES.has(err.statusCode)) {
    return {
      kind: 'rejected',
      status: err.statusCode,
      error,
      droppedPoints: droppedPoints(error),
    };
  }

  return { kind: 'refused', status: err.statusCode, error };
}

/**
 * Retry-After is seconds or an HTTP date (RFC 9110 10.2.3). The client library reads the
 * number as milliseconds, so the header is read here instead.
 */
export function parseRetryAfterMs(value: string | undefined, nowMs = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;

  const at = Date.parse(value);

  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** InfluxDB answers a partial write with `... dropped=N`: the other points were stored. */
function droppedPoints(message: string): number | null {
  const match = /dropped=(\d+)/.exec(message);

  return match ? Number(match[1]) : null;
}

function serverMessage(err: HttpError): string {
  const json = err.json as { error?: unknown; message?: unknown } | undefined;
  if (typeof json?.error === 'string') return json.error;
  if (typeof json?.message === 'string') return json.message;

  return err.body || err.statusMessage || err.message;
}

function header(err: HttpError, name: string): string | undefined {
  const value = err.headers?.[name];

  return Array.isArray(value) ? value[0] : value;
}
