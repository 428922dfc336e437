import { accept, type DecodeResult, reject } from './decode-result.js';
import { type DecodedFrame, emptyFrame, finishFrame } from './decoded-frame.js';
import type { FlagField, NumericField, ObjectMapping } from './object-mapping.js';

/**
 * Fallback for models without a codec: reads our values out of the network server's decoded
 * object through a per-model mapping. Vendor codecs return numbers, numbers written as floats
 * (ChirpStack), or strings with units ("2000 mm"); all three are accepted.
 */
export function mapDecodedObject(
  model: string,
  object: Readonly<Record<string, unknown>> | null,
  mapping: ObjectMapping,
): DecodeResult {
  if (object === null) {
    return reject(
      'missing-object',
      `no codec for model "${model}" and the network server sent no decoded object ` +
        '(is a payload formatter / codec configured for this device?)',
    );
  }

  const frame = emptyFrame(model, 'server-object');
  const problems: string[] = [];
  const number = (field: NumericField | undefined): number | null => {
    if (field === undefined) return null;
    const value = readNumber(object, field, problems);

    return value === null ? null : value * field.scale;
  };
  const flag = (field: FlagField | undefined): boolean | null =>
    field === undefined ? null : readFlag(object, field);

  // A no-echo marker often sits in the distance field itself ("No Sensor"): read it first.
  frame.noEcho = flag(mapping.noEcho) === true;
  frame.distanceMm = frame.noEcho ? null : number(mapping.distanceMm);
  frame.deviceFillPct = number(mapping.fillPct);
  frame.batteryPct = number(mapping.batteryPct);
  frame.batteryV = number(mapping.batteryV);
  frame.temperatureC = number(mapping.temperatureC);
  frame.tiltDeg = number(mapping.tiltDeg);
  frame.tilted = flag(mapping.tilted);

  if (problems.length > 0) return reject('bad-object-field', problems.join('; '));
  const finished = finishFrame(frame);
  if (finished.kind === 'status' && !hasAnyValue(finished)) {
    return reject(
      'bad-object-field',
      `decoded object has none of the fields mapped for "${model}" ` +
        `(object keys: ${Object.keys(object).join(', ') || 'none'})`,
    );
  }

  return accept(finished);
}

function hasAnyValue(frame: DecodedFrame): boolean {
  return [frame.batteryPct, frame.batteryV, frame.temperatureC, frame.tiltDeg, frame.tilted].some(
    (v) => v !== null,
  );
}

function lookup(object: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }

  return current;
}

/** "2000 mm", "25 ℃", "0.00": a leading decimal number, whatever unit text follows. */
const LEADING_NUMBER = /^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?:\s*\S.*)?$/;

function readNumber(
  object: Readonly<Record<string, unknown>>,
  field: NumericField,
  problems: string[],
): number | null {
  const raw = lookup(object, field.path);
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw === 'string') {
    const match = LEADING_NUMBER.exec(raw);
    if (match !== null) return Number(match[1]);
  }
  problems.push(`field "${field.path}" is ${JSON.stringify(raw)}, not a number`);

  return null;
}

function readFlag(object: Readonly<Record<string, unknown>>, field: FlagField): boolean | null {
  const raw = lookup(object, field.path);
  if (raw === undefined || raw === null) return null;
  if (field.equals !== undefined) return field.equals.some((v) => v === raw);
  if (typeof raw === 'string') return ['true', 'yes', '1', 'on'].includes(raw.toLowerCase());

  return raw === true || (typeof raw === 'number' && raw !== 0);
}
