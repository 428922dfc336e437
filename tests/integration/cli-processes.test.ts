import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteTelemetryStore } from '../../src/storage/sqlite/sqlite-telemetry-store.js';
import { exited, spawnTsFixture } from '../helpers/child-process.js';
import { seedRegistryFile, serveProcess } from '../helpers/serve-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { connectDevice } from '../helpers/test-app.js';

const CLI = 'src/cli/main.ts';

/** Runs `pesan <args>` in its own process with its data in `dataDir`; resolves its exit code. */
async function pesan(dataDir: string, args: string[]): Promise<number | null> {
  const child = spawnTsFixture(CLI, args, () => {}, { PESAN_DATA_DIR: dataDir });
  await exited(child);

  return child.exitCode;
}

describe('pesan export and import in child processes', () => {
  const source = makeTempDir('cli-src');
  const target = makeTempDir('cli-dst');
  afterAll(() => {
    source.remove();
    target.remove();
  });

  it('round-trips the registry through a JSON file', async () => {
    seedRegistryFile(source.path, 3);
    const first = join(source.path, 'registry.json');
    expect(await pesan(source.path, ['export', first])).toBe(0);
    const exported = JSON.parse(readFileSync(first, 'utf8')) as {
      bins: { id: string }[];
      devices: { id: string; secretHash: string }[];
    };
    expect(exported.bins.map((b) => b.id)).toEqual(['bin-1', 'bin-2', 'bin-3']);
    // Secrets travel as salted hashes only, never as the secret itself.
    expect(exported.devices.every((d) => d.secretHash.length > 20)).toBe(true);
    expect(readFileSync(first, 'utf8')).not.toContain('secret-bin-1');

    expect(await pesan(target.path, ['import', first, '--replace'])).toBe(0);
    const second = join(target.path, 'registry.json');
    expect(await pesan(target.path, ['export', second])).toBe(0);
    expect(JSON.parse(readFileSync(second, 'utf8'))).toEqual(exported);
  }, 60_000);

  it('refuses a file that is not a registry, with a non-zero exit', async () => {
    const bad = join(target.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ bins: 'many' }));
    expect(await pesan(target.path, ['import', bad])).not.toBe(0);
  }, 30_000);
});

describe('pesan serve on SIGTERM', () => {
  const dir = makeTempDir('sigterm');
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    dir.remove();
  });

  it('stops cleanly and keeps the reading it acknowledged', async () => {
    seedRegistryFile(dir.path);
    const { child, mqttPort } = await serveProcess(dir.path);
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });

    const device = await connectDevice(`mqtt://127.0.0.1:${mqttPort}`, 'dev-bin-1', 'secret-bin-1');
    device.on('error', () => {});
    const ts = Date.now() - 60_000;
    await device.publishAsync(
      'pesanibu/v1/devices/dev-bin-1/telemetry',
      JSON.stringify({ seq: 1, ts, fill_pct: 42 }),
      { qos: 1 },
    );

    child.kill('SIGTERM');
    // A connected device must not keep the process alive (it once did, until killed).
    const stopped = await Promise.race([exited(child), sleep(15_000).then(() => 'hung' as const)]);
    expect(stopped, 'serve did not exit within 15 s of SIGTERM').toBeNull();
    expect(child.exitCode).toBe(0);
    device.end(true);
    expect(out).toMatch(/"signal":"SIGTERM".*"msg":"stopping"/);
    expect(out).toMatch(/"msg":"pesan ibu stopped"/);

    // A clean close checkpoints SQLite's write-ahead log into the database file.
    const wal = join(dir.path, 'telemetry.db-wal');
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const store = openSqliteTelemetryStore({ file: join(dir.path, 'telemetry.db') });
    const stored = await store.readings('bin-1', 0, Date.now() + 1);
    await store.close();
    expect(stored.map((r) => [r.seq, r.fillPct, r.ts])).toEqual([[1, 42, ts]]);
  }, 60_000);
});
