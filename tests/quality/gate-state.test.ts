import { describe, expect, it } from 'vitest';
import { appendTrusted, type LevelEntry } from '../../src/quality/gate-state.js';

const entry = (i: number): LevelEntry => ({ id: `r${i}`, ts: i, fillPct: i, batteryNote: null });
const ids = (list: readonly LevelEntry[]) => list.map((e) => e.id);

describe('trusted history', () => {
  it('appends up to the bound, then drops the oldest, without touching the input', () => {
    const three = [entry(1), entry(2), entry(3)];
    const frozen = Object.freeze([...three]);

    expect(ids(appendTrusted(frozen, entry(4), 5))).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(ids(appendTrusted(frozen, entry(4), 4))).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(ids(appendTrusted(frozen, entry(4), 3))).toEqual(['r2', 'r3', 'r4']);
    expect(ids(appendTrusted(frozen, entry(4), 1))).toEqual(['r4']);
    expect(appendTrusted(frozen, entry(4), 0)).toEqual([]);
    expect(ids(appendTrusted([], entry(1), 64))).toEqual(['r1']);
    expect(ids(frozen)).toEqual(['r1', 'r2', 'r3']);
  });

  it('keeps the newest entries when a list over the bound is appended to', () => {
    const long = Array.from({ length: 10 }, (_, i) => entry(i));

    expect(ids(appendTrusted(long, entry(10), 4))).toEqual(['r7', 'r8', 'r9', 'r10']);
  });
});
