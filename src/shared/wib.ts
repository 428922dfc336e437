/**
 * Waktu Indonesia Barat: UTC+7 all year (Indonesia keeps no daylight saving), so local dates
 * are plain arithmetic and need no time-zone database.
 */
export const WIB_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The WIB calendar date of an instant, YYYY-MM-DD. */
export function wibDate(ts: number): string {
  return new Date(ts + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of WIB midnight starting `date` (YYYY-MM-DD). */
export function wibMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - WIB_OFFSET_MS;
}

/** ISO weekday of a WIB date: 1 = Monday ... 7 = Sunday. */
export function wibWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();

  return day === 0 ? 7 : day;
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && wibDate(wibMidnight(value)) === value;
}

/** Minutes after local midnight as a 24-hour clock time, "HH:MM" (rounded to the minute). */
export function clockTime(minutes: number): string {
  const whole = Math.round(minutes);
  const hh = String(Math.floor(whole / 60) % 24).padStart(2, '0');

  return `${hh}:${String(whole % 60).padStart(2, '0')}`;
}
