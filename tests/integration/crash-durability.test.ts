import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { hashSecret } from '../../src/registry/device-secret.js';
import { RegistryRepo } from '../../src/registry/registry-repo.js';
import { openSqliteTelemetryStore } from '../../src/storage/sqlite/sqlite-telemetry-store.js';
import { connectDevice, smallRegistry } from '../helpers/test-app.js';

/** `pesan serve` in a child process, so the test can SIGKILL it like a power cut. */
function serve(dataDir: string): Promise<{ child: ChildProcess; mqttPort: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      PESAN_DATA_DIR: dataDir,
      PESAN_HTTP_PORT: '0',
      PESAN_MQTT_PORT: '0',
      PESAN_HTTP_HOST: '127.0.0.1',
      PESAN_MQTT_HOST: '127.0.0.1',
      PESAN_LOG_LEVEL: 'info',
      PESAN_SCHEDULE_PLAN_CRON: '0 5 1 1 *',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/"mqttPort":(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, mqttPort: Number(match[1]) });
      }
    });
  });
}

describe('crash durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesan-crash-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged reading when the server is killed mid-stream', async () => {
    const { snapshot, secrets } = smallRegistry(1);
    const devices = snapshot.devices.map((d) => ({
      ...d,
      secretHash: hashSecret(secrets.get(d.id)!),
    }));
    const db = openDatabase(join(dir, 'pesan.db'));
    new RegistryRepo(db).importSnapshot({ ...snapshot, devices }, 'replace');
    db.close();

    const { child, mqttPort } = await serve(dir);
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
