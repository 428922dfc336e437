import { afterEach, describe, expect, it } from 'vitest';
import type { Reading } from '../../src/domain/reading.js';
import type { TelemetryStore } from '../../src/storage/telemetry-store.js';
import { DAY_MS } from '../../src/storage/wib-buckets.js';
import { HOUR_MS, MINUTE_MS, makeReading, readingRun, WIB_MIDNIGHT_MS } from './reading-fixture.js';

/** How the contract reaches an adapter: fresh storage per test, and the same storage again. */
export interface StoreUnderTest {
  openFresh(): Promise<TelemetryStore>;
  /** A new store over the storage of the last `openFresh`, after that store was closed. */
  reopen(): Promise<TelemetryStore>;
}

/**
 * The behaviour every telemetry adapter owes the app. Each adapter's test file calls this once
 * with its own factory; nothing here knows which adapter it is talking to.
 */
export function runTelemetryStoreContract(name: string, sut: StoreUnderTest): void {
  describe(`telemetry store contract: ${name}`, () => {
    const open: TelemetryStore[] = [];

    async function fresh(): Promise<TelemetryStore> {
      const store = await sut.openFresh();
      open.push(store);

      return store;
    }

    async function reopen(previous: TelemetryStore): Promise<TelemetryStore> {
      await previous.close();
      const store = await sut.reopen();
      open.push(store);

      return store;
    }

    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('stores a batch and returns every field of the readings in [from, to)', async () => {
      const store = await fresh();
      const run = readingRun(4, WIB_MIDNIGHT_MS, MINUTE_MS);
      run[1] = { ...run[1]!, distanceMm: null, batteryPct: null, rssi: null, snr: null };
      run[2] = { ...run[2]!, seq: null, gateways: null, quality: 'spike', qualityReason: 'x' };
      // A volts-only sensor (Dragino, Decentlab), and one that reports no battery at all.
      run[3] = { ...run[3]!, batteryPct: null, batteryV: 2.695 };
      run[0] = { ...run[0]!, batteryV: null };

      expect(await store.writeBatch(run)).toMatchObject({ written: 4, duplicates: 0 });

      expect(
        await store.readings('bin-1', WIB_MIDNIGHT_MS, WIB_MIDNIGHT_MS + 3 * MINUTE_MS),
      ).toEqual(run.slice(0, 3));
      expect(await store.readings('bin-1', 0, Number.MAX_SAFE_INTEGER)).toEqual(run);
      expect(await store.readings('bin-other', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    });

    it('stores a redelivered reading once and counts it as a duplicate', async () => {
      const store = await fresh();
      const first = makeReading({ seq: 7 });
      const again = { ...first, receivedAt: first.receivedAt + 5000 };
      const other = makeReading({ seq: 8, ts: first.ts + MINUTE_MS });

      expect(await store.writeBatch([first])).toMatchObject({ written: 1, duplicates: 0 });
      expect(await store.writeBatch([again, other, other])).toMatchObject({
        written: 1,
        duplicates: 2,
      });

      const reopened = await reopen(store);
      expect(await reopened.writeBatch([first])).toMatchObject({ written: 0, duplicates: 1 });
      expect(await reopened.readings('bin-1', 0, Number.MAX_SAFE_INTEGER)).toEqual([first, other]);
    });

    it('keeps the newest reading per bin, whatever order readings arrive in', async () => {
      const store = await fresh();
      const newer = makeReading({
        seq: 2,
        ts: WIB_MIDNIGHT_MS + HOUR_MS,
        fillPct: 61.5,
        batteryV: 3.05,
      });
      const older = makeReading({ seq: 1, ts: WIB_MIDNIGHT_MS, fillPct: 12, batteryV: 3.6 });
      const otherBin = makeReading({ binId: 'bin-2', deviceId: 'dev-2', fillPct: 88 });

      await store.writeBatch([newer, otherBin]);
      await store.writeBatch([older]);
      const latest = await store.latestByBin();

      expect(latest.sort((a, b) => a.binId.localeCompare(b.binId))).toEqual([
        {
          binId: 'bin-1',
          deviceId: 'dev-1',
          ts: newer.ts,
          fillPct: 61.5,
          quality: 'ok',
          batteryPct: newer.batteryPct,
          batteryV: 3.05,
          temperatureC: newer.temperatureC,
          tiltDeg: newer.tiltDeg,
        },
        expect.objectContaining({ binId: 'bin-2', deviceId: 'dev-2', fillPct: 88 }),
      ]);
    });

    it('aggregates a bin into WIB-aligned buckets holding readings', async () => {
      const store = await fresh();
      const at = (h: number, m: number, fillPct: number, seq: number) =>
        makeReading({ ts: WIB_MIDNIGHT_MS + h * HOUR_MS + m * MINUTE_MS, fillPct, seq });
      await store.writeBatch([
        at(0, 5, 10, 1),
        at(0, 35, 20, 2),
        at(0, 55, 60, 3),
        at(2, 0, 40, 4),
      ]);

      const buckets = await store.series('bin-1', {
        from: WIB_MIDNIGHT_MS,
        to: WIB_MIDNIGHT_MS + 3 * HOUR_MS,
        everyMs: HOUR_MS,
      });

      expect(buckets).toEqual([
        { start: WIB_MIDNIGHT_MS, count: 3, meanFillPct: 30, minFillPct: 10, maxFillPct: 60 },
        {
          start: WIB_MIDNIGHT_MS + 2 * HOUR_MS,
          count: 1,
          meanFillPct: 40,
          minFillPct: 40,
          maxFillPct: 40,
        },
      ]);
    });

    it('filters a series by reading quality when asked', async () => {
      const store = await fresh();
      await store.writeBatch([
        makeReading({ seq: 1, fillPct: 20 }),
        makeReading({ seq: 2, fillPct: 100, quality: 'spike', ts: WIB_MIDNIGHT_MS + 1000 }),
      ]);
      const query = { from: WIB_MIDNIGHT_MS, to: WIB_MIDNIGHT_MS + DAY_MS, everyMs: DAY_MS };

      expect(await store.series('bin-1', { ...query, qualities: ['ok'] })).toEqual([
        { start: WIB_MIDNIGHT_MS, count: 1, meanFillPct: 20, minFillPct: 20, maxFillPct: 20 },
      ]);
      expect(await store.series('bin-1', query)).toMatchObject([{ count: 2, meanFillPct: 60 }]);
    });

    it('averages an area per bin, so a chatty bin weighs no more than a quiet one', async () => {
      const store = await fresh();
      const chatty = [10, 20, 30].map((fillPct, i) =>
        makeReading({ binId: 'bin-a', seq: i, fillPct, ts: WIB_MIDNIGHT_MS + i * MINUTE_MS }),
      );
      const quiet = makeReading({ binId: 'bin-b', deviceId: 'dev-b', fillPct: 80 });
      const elsewhere = makeReading({ binId: 'bin-c', deviceId: 'dev-c', areaId: 'kec-anyar' });
      await store.writeBatch([...chatty, quiet, elsewhere]);

      const buckets = await store.areaSeries('kec-kramatwatu', {
        from: WIB_MIDNIGHT_MS,
        to: WIB_MIDNIGHT_MS + DAY_MS,
        everyMs: DAY_MS,
      });

      expect(buckets).toEqual([
        { start: WIB_MIDNIGHT_MS, count: 4, meanFillPct: 50, minFillPct: 10, maxFillPct: 80 },
      ]);
    });

    it('cuts days at WIB midnight, including the edges of the range', async () => {
      const store = await fresh();
      const lastOfDay = makeReading({ seq: 1, ts: WIB_MIDNIGHT_MS - 1, fillPct: 90 });
      const firstOfDay = makeReading({ seq: 2, ts: WIB_MIDNIGHT_MS, fillPct: 5 });
      const lastOfNext = makeReading({ seq: 3, ts: WIB_MIDNIGHT_MS + DAY_MS - 1, fillPct: 15 });
      const nextMidnight = makeReading({ seq: 4, ts: WIB_MIDNIGHT_MS + DAY_MS, fillPct: 50 });
      await store.writeBatch([lastOfDay, firstOfDay, lastOfNext, nextMidnight]);

      expect(await store.readings('bin-1', WIB_MIDNIGHT_MS, WIB_MIDNIGHT_MS + DAY_MS)).toEqual([
        firstOfDay,
        lastOfNext,
      ]);

      const days = await store.series('bin-1', {
        from: WIB_MIDNIGHT_MS - DAY_MS,
        to: WIB_MIDNIGHT_MS + 2 * DAY_MS,
        everyMs: DAY_MS,
      });
      expect(days.map((d) => [d.start, d.count, d.meanFillPct])).toEqual([
        [WIB_MIDNIGHT_MS - DAY_MS, 1, 90],
        [WIB_MIDNIGHT_MS, 2, 10],
        [WIB_MIDNIGHT_MS + DAY_MS, 1, 50],
      ]);

      // 2026-12-03 is a Thursday, so its week started on Monday 2026-11-30 00:00 WIB.
      const weeks = await store.series('bin-1', {
        from: WIB_MIDNIGHT_MS - 7 * DAY_MS,
        to: WIB_MIDNIGHT_MS + 7 * DAY_MS,
        everyMs: 7 * DAY_MS,
      });
      expect(weeks).toMatchObject([{ start: WIB_MIDNIGHT_MS - 3 * DAY_MS, count: 4 }]);
    });

    it('keeps ids with spaces, commas, equals signs, quotes and backslashes intact', async () => {
      const store = await fresh();
      const odd: Partial<Reading> = {
        binId: "TPS Pasar, Blok=A o'clock",
        deviceId: 'dev 7,b=c\\d',
        areaId: 'Kec. Kramat Watu, Serang=1',
        qualityReason: 'echo "weak", tilt\\ check',
      };
      const reading = makeReading({ ...odd, seq: 3, dedupeKey: 'dev 7,b=c\\d:3' });
      await store.writeBatch([reading]);
      const day = { from: WIB_MIDNIGHT_MS, to: WIB_MIDNIGHT_MS + DAY_MS, everyMs: DAY_MS };

      expect(await store.readings(reading.binId, 0, Number.MAX_SAFE_INTEGER)).toEqual([reading]);
      expect(await store.latestByBin()).toMatchObject([
        { binId: reading.binId, deviceId: reading.deviceId },
      ]);
      expect(await store.series(reading.binId, day)).toMatchObject([{ count: 1 }]);
      expect(await store.areaSeries(reading.areaId, day)).toMatchObject([{ count: 1 }]);
    });

    it('accepts fractional values after integer-looking ones in the same fields', async () => {
      const store = await fresh();
      const whole = makeReading({
        seq: 1,
        fillPct: 40,
        batteryPct: 90,
        batteryV: 3,
        temperatureC: 30,
      });
      const fractional = makeReading({
        seq: 2,
        ts: whole.ts + MINUTE_MS,
        fillPct: 40.25,
        batteryPct: 89.5,
        batteryV: 2.95,
        temperatureC: 30.125,
        rssi: -70.5,
      });

      await store.writeBatch([whole]);
      expect(await store.writeBatch([fractional])).toMatchObject({ written: 1 });
      expect(await store.readings('bin-1', 0, Number.MAX_SAFE_INTEGER)).toEqual([
        whole,
        fractional,
      ]);
    });

    it('stores non-finite optional values as missing and refuses a non-finite fill', async () => {
      const store = await fresh();
      const odd = makeReading({
        seq: 1,
        batteryPct: Number.NaN,
        batteryV: Number.NaN,
        temperatureC: Infinity,
      });

      await store.writeBatch([odd]);
      expect(await store.readings('bin-1', 0, Number.MAX_SAFE_INTEGER)).toEqual([
        { ...odd, batteryPct: null, batteryV: null, temperatureC: null },
      ]);

      await expect(
        store.writeBatch([makeReading({ seq: 2, fillPct: Number.NaN })]),
      ).rejects.toThrow(/fillPct/);
    });

    it('keeps everything across close and reopen and reports health', async () => {
      const store = await fresh();
      const run = readingRun(50, WIB_MIDNIGHT_MS, MINUTE_MS);
      await store.writeBatch(run);
      expect(await store.health()).toEqual({ state: 'ok' });

      const reopened = await reopen(store);
      expect(await reopened.readings('bin-1', 0, Number.MAX_SAFE_INTEGER)).toEqual(run);
      expect(await reopened.latestByBin()).toMatchObject([{ binId: 'bin-1', ts: run[49]!.ts }]);
    });
  });
}
