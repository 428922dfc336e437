import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteTelemetryStore } from '../../src/storage/sqlite/sqlite-telemetry-store.js';
import { exited, spawnTsFixture } from '../helpers/child-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runTelemetryStoreContract } from './contract.js';

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
