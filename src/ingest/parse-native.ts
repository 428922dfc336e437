import * as crypto from 'node:crypto';
import type { Reading } from '../domain/reading.js';
import type { Bin, Device } from '../domain/registry.js';
import { fillFromDistance } from './fill-geometry.js';
import { type NativePayload, nativePayloadSchema, plainlyValidPayload } from './native-payload.js';
import { type Rejection, reject } from './rejections.js';

export interface IngestLimits {
  maxPayloadBytes: number;
  futureToleranceS: number;
  maxAgeDays: number;
}

export type ParseOutcome = { ok: true; reading: Reading } | Rejection;

type Issue = { path: PropertyKey[]; message: string; input?: unknown };

/** What was sent, when short enough to quote: the person fixing the device needs the value. */
function quoted(input: unknown): string {
  if (input === undefined || (typeof input === 'object' && input !== null)) return '';
  const text = JSON.stringify(input) ?? String(input);

  return text.length <= 40 ? ` (got ${text})` : '';
}

function describeIssues(error: { issues: Issue[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || 'payload'}: ${i.message}${quoted(i.input)}`)
    .join('; ');
}

function measurementTime(
  ts: NativePayload['ts'],
  now: number,
  limits: IngestLimits,
): number | Rejection {
  if (ts === undefined) return now;

  const ms = typeof ts === 'number' ? ts : Date.parse(ts);
  if (!Number.isFinite(ms)) return reject('invalid-payload', `ts: "${ts}" is not a valid time`);
  if (typeof ts === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/.test(ts)) {
    return reject('invalid-payload', 'ts: needs a UTC offset, e.g. +07:00 or Z');
  }

  return timeRangeProblem(ms, now, limits) ?? ms;
}

/** A measurement time too far ahead of our clock or too old to store, or null when fine. */
export function timeRangeProblem(
  ms: number,
  now: number,
  limits: Pick<IngestLimits, 'futureToleranceS' | 'maxAgeDays'>,
): Rejection | null {
  if (ms > now + limits.futureToleranceS * 1_000) {
    return reject('timestamp-future', `${new Date(ms).toISOString()} (device clock wrong?)`);
  }
  if (ms < now - limits.maxAgeDays * 86_400_000) {
    return reject('timestamp-too-old', new Date(ms).toISOString());
  }

  return null;
}

/**
 * SHA-1 of the payload, base64url. The one-shot `crypto.hash` (Node >= 20.12) gives the same
 * digest as a Hash object for about a third of the cost, which shows at tens of thousands of
 * readings a second; older Node 20 releases take the Hash object.
 */
const sha1 =
  typeof crypto.hash === 'function'
    ? (raw: Buffer) => crypto.hash('sha1', raw, 'base64url')
    : (raw: Buffer) => crypto.createHash('sha1').update(raw).digest('base64url');

/**
 * Redelivery of a QoS 1 message repeats its bytes exactly, so device + seq + a digest of the
 * bytes identifies it; a rebooted device that restarts its seq sends other bytes (other
 * time or value) and is not taken for a duplicate.
 */
function dedupeKey(deviceId: string, raw: Buffer, payload: NativePayload, now: number): string {
  const digest = sha1(raw).slice(0, 12);
  if (payload.seq !== undefined) return `${deviceId}:${payload.seq}:${digest}`;
  if (payload.ts !== undefined) return `${deviceId}:t${String(payload.ts)}:${digest}`;

  return `${deviceId}:rx${now}:${digest}`;
}

/** Turns a native JSON telemetry payload into a reading, or says exactly why not. */
export function parseNativeTelemetry(
  raw: Buffer,
  context: { device: Device; bin: Bin; now: number; limits: IngestLimits },
): ParseOutcome {
  const { device, bin, now, limits } = context;
  if (raw.length > limits.maxPayloadBytes) {
    return reject('payload-too-large', `${raw.length} bytes > ${limits.maxPayloadBytes}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return reject('not-json', (error as Error).message);
  }

  let payload = plainlyValidPayload(json);
  if (payload === null) {
    const parsed = nativePayloadSchema.safeParse(json, { reportInput: true });
    if (!parsed.success) return reject('invalid-payload', describeIssues(parsed.error));
    payload = parsed.data;
  }

  const ts = measurementTime(payload.ts, now, limits);
  if (typeof ts !== 'number') return ts;

  const geometry =
    payload.distance_mm !== undefined
      ? fillFromDistance(payload.distance_mm, bin)
      : { kind: 'ok' as const, fillPct: payload.fill_pct! };

  return {
    ok: true,
    reading: {
      deviceId: device.id,
      binId: bin.id,
      areaId: bin.areaId,
      ts,
      receivedAt: now,
      seq: payload.seq ?? null,
      distanceMm: payload.distance_mm ?? null,
      fillPct: geometry.fillPct,
      batteryPct: payload.battery_pct ?? null,
      batteryV: payload.battery_v ?? null,
      temperatureC: payload.temperature_c ?? null,
      tiltDeg: payload.tilt_deg ?? null,
      quality: geometry.kind === 'ok' ? 'ok' : 'out-of-range',
      qualityReason: geometry.kind === 'ok' ? null : geometry.reason,
      rssi: null,
      snr: null,
      gateways: null,
      source: 'mqtt',
      dedupeKey: dedupeKey(device.id, raw, payload, now),
    },
  };
}
