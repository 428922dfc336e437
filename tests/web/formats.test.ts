import { describe, expect, it } from 'vitest';
import { fmtClock } from '../../web/shared/clock.js';

describe('page formats', () => {
  it('shows a planned arrival as a clock time that never reads ":60"', () => {
    // 479.6 min after midnight is 08:00 after rounding, not 7:60.
    expect(fmtClock(479.6, 'en')).toBe('08:00');
    expect(fmtClock(479.6, 'id')).toBe('08.00');
    expect(fmtClock(425.2, 'id')).toBe('07.05');
    expect(fmtClock(59.5, 'en')).toBe('01:00');
    // A late trip past midnight wraps like the crew list's times.
    expect(fmtClock(1_439.6, 'en')).toBe('00:00');
  });
});
