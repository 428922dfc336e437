// Kept apart from i18n.ts, and without importing it, so Node tests can type-check and run it.

/**
 * Minutes after WIB midnight as a clock time in the page's style ("08.05" / "08:05"). Rounds
 * the total first: rounding the minutes alone turns 479.6 into "7:60".
 */
export function fmtClock(minutes: number, lang: 'id' | 'en'): string {
  const total = Math.round(minutes);
  const hours = String(Math.floor(total / 60) % 24).padStart(2, '0');
  const mins = String(total % 60).padStart(2, '0');

  return `${hours}${lang === 'id' ? '.' : ':'}${mins}`;
}
