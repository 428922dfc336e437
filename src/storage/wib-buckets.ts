/**
 * Bucket alignment shared by every telemetry adapter, so SQLite and InfluxDB cut a series at
 * the same instants.
 *
 * Kabupaten Serang keeps WIB (UTC+7) all year, with no daylight saving, so a local day is a
 * fixed 24 h window starting at 17:00 UTC of the previous UTC day. Buckets are counted from
 * Monday 1970-01-05 00:00 WIB: any width dividing a day starts at local midnight, and weekly
 * buckets start on Monday, the way the collection crews plan their week.
 */
export const WIB_OFFSET_MS = 7 * 3_600_000;

export const DAY_MS = 86_400_000;

/** Monday 1970-01-05 00:00 WIB as epoch ms (1970-01-01 was a Thursday). */
export const WIB_BUCKET_ORIGIN_MS = 4 * DAY_MS - WIB_OFFSET_MS;

/** Start (epoch ms) of the bucket holding `tsMs`. */
export function bucketStartMs(tsMs: number, everyMs: number): number {
  return tsMs - positiveModulo(tsMs - WIB_BUCKET_ORIGIN_MS, everyMs);
}

/**
 * Offset of the bucket grid from the Unix epoch, in [0, everyMs): InfluxQL's
 * time(every, offset).
 */
export function bucketOffsetMs(everyMs: number): number {
  return positiveModulo(WIB_BUCKET_ORIGIN_MS, everyMs);
}

/** WIB midnight starting the local day that holds `tsMs`. */
export function wibMidnightMs(tsMs: number): number {
  return bucketStartMs(tsMs, DAY_MS);
}

function positiveModulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/** Refuses bucket widths that cannot be aligned: the caller passes them from the API. */
export function assertBucketWidth(everyMs: number): void {
  if (!Number.isInteger(everyMs) || everyMs < 1000) {
    throw new RangeError(`everyMs must be a whole number of ms, at least 1000 (got ${everyMs})`);
  }
}
