import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/storage/influx/backoff.js';
import { writeApiForVersion } from '../../src/storage/influx/influx-http.js';
import { resolveInfluxOptions } from '../../src/storage/influx/influx-options.js';
import { literal } from '../../src/storage/influx/influxql.js';
import { readingToLine } from '../../src/storage/influx/line-protocol.js';
import { parseRetryAfterMs } from '../../src/storage/influx/write-outcome.js';
import { bucketOffsetMs, bucketStartMs, DAY_MS } from '../../src/storage/wib-buckets.js';
import { makeReading, WIB_MIDNIGHT_MS } from './reading-fixture.js';

describe('influx adapter parts', () => {
  it('writes every number as a float, escapes tags and leaves out non-finite values', () => {
    const line = readingToLine(
      makeReading({
        binId: 'TPS Pasar,A=1',
        fillPct: 50,
        batteryPct: Number.NaN,
        // An integer-looking voltage is still written as a float (no `i` suffix).
        batteryV: 3,
        temperatureC: Infinity,
        qualityReason: 'kata "gema"',
      }),
      { landUse: 'market', binKind: 'masonry-tps', lat: -6.05, lon: 106.15 },
    );

    expect(line).toBe(
      'readings,area=kec-kramatwatu,bin=TPS\\ Pasar\\,A\\=1,bin_kind=masonry-tps,device=dev-1,' +
        'land_use=market,quality=ok,source=mqtt ' +
        'fill_pct=50,distance_mm=400,battery_v=3,tilt_deg=2,rssi=-71,snr=7.5,gateways=1,seq=1,' +
        `received_at_ms=${WIB_MIDNIGHT_MS + 250},lat=-6.05,lon=106.15,` +
        `dedupe_key="dev-1:1:${WIB_MIDNIGHT_MS}",` +
        `quality_reason="kata \\"gema\\"" ${WIB_MIDNIGHT_MS}`,
    );
    expect(line).not.toMatch(/\di[ ,]/);
  });

  it('quotes InfluxQL string literals so a value cannot end the statement', () => {
    expect(literal("o'clock \\ x")).toBe("'o\\'clock \\\\ x'");
  });

  it('picks /write only for servers older than 1.8', () => {
    expect(writeApiForVersion('1.6.7~rc0')).toBe('v1');
    expect(writeApiForVersion('1.7.11')).toBe('v1');
    expect(writeApiForVersion('1.8.10')).toBe('v2');
    expect(writeApiForVersion('v2.7.10')).toBe('v2');
    expect(writeApiForVersion('3.0.1')).toBe('v2');
    expect(writeApiForVersion('')).toBe('v2');
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 11, 3, 0, 0, 0);
    expect(parseRetryAfterMs('5', now)).toBe(5000);
    expect(parseRetryAfterMs('Thu, 03 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
  });

  it('backs off exponentially up to the cap, or as long as the server asked, plus jitter', () => {
    const opts = { minRetryDelayMs: 100, maxRetryDelayMs: 1000, retryBase: 2, retryJitterMs: 50 };
    const noJitter = () => 0;
    const fullJitter = () => 1;

    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, null, opts, noJitter))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(retryDelayMs(1, 3000, opts, fullJitter)).toBe(3050);
  });

  it('splits database/rp and names the option that is wrong', () => {
    const base = { url: 'http://influx:8086', bucket: 'pesan/autogen', spoolDir: '/tmp/s' };
    expect(resolveInfluxOptions(base)).toMatchObject({
      database: 'pesan',
      retentionPolicy: 'autogen',
      batchSize: 5000,
    });
    expect(resolveInfluxOptions({ ...base, bucket: 'pesan' }).retentionPolicy).toBeUndefined();
    expect(() => resolveInfluxOptions({ ...base, url: 'influx:8086' })).toThrow(/url/);
    expect(() => resolveInfluxOptions({ ...base, username: 'u' })).toThrow(/password/);
    expect(() => resolveInfluxOptions({ ...base, batchSize: 0 })).toThrow(/batchSize/);
  });

  it('aligns buckets to WIB midnight and weeks to Monday', () => {
    expect(bucketStartMs(WIB_MIDNIGHT_MS + 5 * 3_600_000, DAY_MS)).toBe(WIB_MIDNIGHT_MS);
    expect(bucketStartMs(WIB_MIDNIGHT_MS - 1, DAY_MS)).toBe(WIB_MIDNIGHT_MS - DAY_MS);
    expect(new Date(bucketStartMs(WIB_MIDNIGHT_MS, 7 * DAY_MS) + 7 * 3_600_000).getUTCDay()).toBe(
      1,
    );
    expect(bucketOffsetMs(DAY_MS)).toBe(17 * 3_600_000);
  });
});
