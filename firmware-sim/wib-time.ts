/**
 * Local calendar of Kabupaten Serang: WIB is UTC+7 all year (no daylight saving), so a fixed
 * offset is exact and far cheaper in the generator's inner loop than Intl time zone lookups.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WIB_OFFSET_MS = 7 * HOUR_MS;

/** Days since 1970-01-01 in WIB: the local day a timestamp falls on. */
export function wibDayIndex(ms: number): number {
  return Math.floor((ms + WIB_OFFSET_MS) / DAY_MS);
}

/** Epoch ms of local (WIB) midnight starting the given day. */
export function wibDayStartMs(dayIndex: number): number {
  return dayIndex * DAY_MS - WIB_OFFSET_MS;
}

/** ISO weekday of a local day, 1 = Monday ... 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function isoWeekdayOfDay(dayIndex: number): number {
  return ((((dayIndex + 3) % 7) + 7) % 7) + 1;
}

export function isWeekendDay(dayIndex: number): boolean {
  return isoWeekdayOfDay(dayIndex) >= 6;
}

/** Local hour of day as a fraction, 0 <= h < 24. */
export function wibHourOfDay(ms: number): number {
  return (ms - wibDayStartMs(wibDayIndex(ms))) / HOUR_MS;
}

/** Local date, YYYY-MM-DD. */
export function wibDateString(ms: number): string {
  return new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the WIB offset, e.g. 2026-12-03T05:00:00.000+07:00, as a sensor with RTC sends. */
export function toWibIso(ms: number): string {
  return `${new Date(ms + WIB_OFFSET_MS).toISOString().slice(0, 23)}+07:00`;
}
