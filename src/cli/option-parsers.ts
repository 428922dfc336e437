import { InvalidArgumentError } from 'commander';

/** Commander option parsers shared by the commands; each refusal names the value it got. */

export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new InvalidArgumentError(`expected a number greater than 0, got "${value}"`);
  }

  return parsed;
}

export function probability(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError(`expected a probability between 0 and 1, got "${value}"`);
  }

  return parsed;
}

export function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) {
    throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  }

  return parsed;
}

export function isoTime(value: string): number {
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new InvalidArgumentError(`expected an ISO 8601 time such as 2026-03-01T00:00:00+07:00`);
  }

  return parsed;
}
