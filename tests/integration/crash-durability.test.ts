import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteTelemetryStore } from '../../src/storage/sqlite/sqlite-telemetry-store.js';
import { seedRegistryFile, serveProcess } from '../helpers/serve-process.js';
import { connectDevice } from '../helpers/test-app.js';

describe('crash durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesan-crash-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged reading when the server is killed mid-stream', async () => {
    seedRegistryFile(dir);

    const { child, mqttPort } = await serveProcess(dir);
    children.push(child);
    const device = await connectDevice(`mqtt://127.0.0.1:${mqttPort}`, 'dev-bin-1', 'secret-bin-1');
    device.on('error', () => {});

    // Publish continuously; kill the server while messages are in flight.
    const acked: number[] = [];
    let seq = 0;
    const pump = (async () => {
      while (child.exitCode === null && child.signalCode === null) {
        const n = seq++;
        try {
          await device.publishAsync(
            'pesanibu/v1/devices/dev-bin-1/telemetry',
            JSON.stringify({ seq: n, fill_pct: n % 100 }),
            { qos: 1 },
          );
          acked.push(n);
        } catch {
          return;
        }
      }
    })();
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    device.end(true);
    await pump;

    const store = openSqliteTelemetryStore({ file: join(dir, 'telemetry.db') });
    const stored = new Set((await store.readings('bin-1', 0, Date.now() + 1)).map((r) => r.seq));
    await store.close();

    const lost = acked.filter((n) => !stored.has(n));
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(lost).toEqual([]);
  }, 60_000);
});
