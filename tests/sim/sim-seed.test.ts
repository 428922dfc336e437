import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simCommand } from '../../src/cli/commands/sim.js';
import { simSeedCommand } from '../../src/cli/commands/sim-seed.js';
import { ADMIN_TOKEN, api, smallRegistry, startTestApp, until } from '../helpers/test-app.js';

const COMPOSE = readFileSync(join(import.meta.dirname, '../../docker-compose.yml'), 'utf8');

/** The `command:` of one compose service (written as a JSON-style flow list, maybe wrapped). */
function composeCommand(service: string): string[] {
  const block = new RegExp(`^  ${service}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(COMPOSE)?.[1];
  const command = block && /^ {4}command:\s+(\[[^\]]*\])/m.exec(block)?.[1];
  if (!command) throw new Error(`docker-compose.yml: no command for service ${service}`);

  return JSON.parse(command) as string[];
}

describe('the docker-compose sim profile, run with node', () => {
  let dir: string;
  let stdout: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pesan-sim-seed-'));
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds a running backend over its API, then the simulator logs in and reports', async () => {
    const t = await startTestApp({}, smallRegistry(1));
    try {
      // The compose commands, with the service names pointed at this app and folder.
      const local = (args: string[]) =>
        args.map((a) =>
          a
            .replace('http://backend:8080', t.baseUrl)
            .replace('mqtt://backend:1883', t.mqttUrl)
            .replace(/^\/sim\//, `${dir}/`),
        );
      const [seedName, ...seedArgs] = local(composeCommand('sim-seed'));
      const [simName, ...simArgs] = local(composeCommand('simulator'));
      expect([seedName, simName]).toEqual(['sim-seed', 'sim']);

      vi.stubEnv('PESAN_ADMIN_TOKEN', ADMIN_TOKEN);
      await simSeedCommand().exitOverride().parseAsync(seedArgs, { from: 'user' });
      expect(stdout.join('')).toMatch(/^sim-seed: \d+ bins and (\d+) devices loaded/);
      const health = await api(t, '/healthz');
      const seeded = Number(/and (\d+) devices/.exec(stdout.join(''))![1]);
      expect(health.body).toMatchObject({ devices: seeded + 1 });

      // Not set in the compose file: without it the simulator empties bins on its own cadence.
      vi.stubEnv('PESAN_TOKEN', undefined);
      await simCommand()
        .exitOverride()
        .parseAsync([...simArgs, '--duration', '3'], { from: 'user' });
      const summary = stdout.join('');
      expect(summary).toMatch(new RegExp(`sim: ${seeded} devices, \\d+ readings sent`));
      expect(summary).toMatch(/, 0 refused logins/);
      // The sensors' first readings reached the backend and were stored for their bins.
      const reporting = await until(async () => {
        const answer = await api(t, '/api/v1/bins?limit=1000');
        const bins = (answer.body as { bins: { state: { lastReadingAt: number | null } }[] }).bins;
        const heard = bins.filter((b) => b.state.lastReadingAt !== null).length;

        return heard > 0 ? heard : null;
      });
      expect(reporting).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  }, 60_000);
});
