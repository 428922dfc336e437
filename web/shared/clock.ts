// Kept apart from i18n.ts, and without importing it, so Node tests can type-check and run it.
import { clockTime } from '../../src/shared/wib.js';

/**
 * Minutes after WIB midnight as a clock time in the page's style ("08.05" / "08:05"): the
 * server's clockTime (rounds the total first, so 479.6 is "08:00", never "7:60"), with the
 * Indonesian dot.
 */
export function fmtClock(minutes: number, lang: 'id' | 'en'): string {
  const time = clockTime(minutes);

  return lang === 'id' ? time.replace(':', '.') : time;
}
