import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open-database.js';
import { hashSecret } from '../../src/registry/device-secret.js';
import { RegistryRepo } from '../../src/registry/registry-repo.js';
import { smallRegistry } from './test-app.js';

/**
 * `pesan serve` in a child process, so a test can SIGKILL it like a power cut. Resolves once
 * it prints its ports; the daily plan is moved out of the way.
 */
export function serveProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; mqttPort: number; httpPort: number }> {
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
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The line `serve` prints for people, whatever the log level.
      const match = out.match(/running: http:\/\/localhost:(\d+)\/.*mqtt:\/\/localhost:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ child, httpPort: Number(match[1]), mqttPort: Number(match[2]) });
      }
    });
  });
}

/** Writes smallRegistry(binCount) with hashed secrets into `dataDir`'s registry file. */
export function seedRegistryFile(dataDir: string, binCount = 1): void {
  const { snapshot, secrets } = smallRegistry(binCount);
  const devices = snapshot.devices.map((d) => ({
    ...d,
    secretHash: hashSecret(secrets.get(d.id)!),
  }));
  const db = openDatabase(join(dataDir, 'pesan.db'));
  new RegistryRepo(db).importSnapshot({ ...snapshot, devices }, 'replace');
  db.close();
}
