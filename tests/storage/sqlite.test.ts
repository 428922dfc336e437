import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TELEMETRY_MIGRATIONS } from '../../src/storage/sqlite/schema.js';
import { openSqliteTelemetryStore } from '../../src/storage/sqlite/sqlite-telemetry-store.js';
import { exited, spawnTsFixture } from '../helpers/child-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runTelemetryStoreContract } from './contract.js';
import { makeReading } from './reading-fixture.js';

const temp = makeTempDir('sqlite-store');
afterAll(() => temp.remove());

let fileCount = 0;
let lastFile = '';

runTelemetryStoreContract('sqlite', {
  async openFresh() {
    lastFile = join(temp.path, `store-${++fileCount}.db`);

    return openSqliteTelemetryStore({ file: lastFile });
  },
  async reopen() {
    return openSqliteTelemetryStore({ file: lastFile });
  },
});

describe('sqlite telemetry store schema', () => {
  it('adds battery_v to a data file written before it existed, keeping its readings', async () => {
    const file = join(temp.path, 'before-battery-v.db');
    const old = new Database(file);
    // The data file as the first release left it: only the first migration applied.
    old.exec(TELEMETRY_MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old
      .prepare(
        `INSERT INTO readings (dedupe_key, device_id, bin_id, area_id, ts, received_at,
          fill_pct, battery_pct, quality, source)
        VALUES ('old:1', 'dev-1', 'bin-1', 'kec-kramatwatu', 1000, 1001, 42, 77, 'ok', 'mqtt')`,
      )
      .run();
    old.close();

    const store = openSqliteTelemetryStore({ file });
    const fresh = makeReading({ ts: 2000, receivedAt: 2001, batteryPct: null, batteryV: 2.69 });
    await store.writeBatch([fresh]);
    const stored = await store.readings('bin-1', 0, 10_000);
    const latest = await store.latestByBin();
    await store.close();

    expect(stored.map((r) => [r.dedupeKey, r.batteryPct, r.batteryV])).toEqual([
      ['old:1', 77, null],
      [fresh.dedupeKey, null, 2.69],
    ]);
    expect(latest).toMatchObject([{ binId: 'bin-1', batteryV: 2.69 }]);
    const version = new Database(file, { readonly: true });
    expect(version.pragma('user_version', { simple: true })).toBe(TELEMETRY_MIGRATIONS.length);
    version.close();
  });
});

describe('sqlite telemetry store durability', () => {
  it('keeps every acknowledged reading when the writer is killed with SIGKILL', async () => {
    const file = join(temp.path, 'crash.db');
    let lastAcked = -1;
    let killedAt = -1;

    const child = spawnTsFixture(
      join(import.meta.dirname, 'fixtures/sqlite-writer.ts'),
      [file],
      (line) => {
        const match = /^acked (\d+)$/.exec(line);
        if (!match) return;

        lastAcked = Number(match[1]);
        // Kill while the writer is busy, some batches in, without waiting for it to pause.
        if (lastAcked >= 2000 && killedAt < 0) {
          killedAt = lastAcked;
          child.kill('SIGKILL');
        }
      },
    );
    expect(await exited(child)).toBe('SIGKILL');

    const store = openSqliteTelemetryStore({ file });
    const stored = await store.readings('bin-1', 0, Number.MAX_SAFE_INTEGER);
    await store.close();

    expect(lastAcked).toBeGreaterThanOrEqual(killedAt);
    expect(stored.length).toBeGreaterThanOrEqual(lastAcked + 1);
    expect(stored.slice(0, lastAcked + 1).map((r) => r.seq)).toEqual(
      Array.from({ length: lastAcked + 1 }, (_, i) => i),
    );
  });

  it('refuses calls after close with a clear error and reports itself down', async () => {
    const store = openSqliteTelemetryStore({ file: join(temp.path, 'closed.db') });
    await store.close();

    await expect(store.latestByBin()).rejects.toThrow('telemetry store is closed');
    expect(await store.health()).toMatchObject({ state: 'down' });
  });
});
