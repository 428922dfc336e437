import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { fleetDevicesOf, hashedSnapshot } from '../../demo/seed.js';
import { buildSerangScenario, type ScenarioScope } from '../../demo/serang-scenario.js';
import { integer } from '../option-parsers.js';

interface SimSeedOptions {
  api: string;
  token: string;
  out: string;
  scope: ScenarioScope;
  seed: number;
}

/**
 * `pesan sim-seed`: gives a running backend the demo's Kabupaten Serang registry and the
 * simulator the devices file to match, so `pesan sim` can run against a deployed backend
 * (the docker-compose `sim` profile). It goes through the admin API rather than the database
 * file: the backend then knows the new devices at once, without a restart.
 */
export function simSeedCommand(): Command {
  return new Command('sim-seed')
    .description(
      'load the demo registry (Kabupaten Serang) into a running backend through its API and ' +
        'write the devices file `pesan sim --devices` reads',
    )
    .requiredOption('--api <url>', 'Pesan Ibu API base URL, e.g. http://127.0.0.1:8080')
    .addOption(
      new Option('--token <token>', 'admin token').env('PESAN_ADMIN_TOKEN').makeOptionMandatory(),
    )
    .requiredOption('--out <file>', 'devices file to write (plain secrets: keep it private)')
    .addOption(
      new Option('--scope <scope>', 'east pilot cluster or whole regency')
        .choices(['pilot', 'regency'])
        .default('pilot'),
    )
    .option('--seed <n>', 'scenario seed (same seed, same bins and secrets)', integer, 7)
    .action(async function (this: Command, options: SimSeedOptions) {
      const { snapshot, secrets } = buildSerangScenario({
        scope: options.scope,
        seed: options.seed,
      });
      const hashed = await hashedSnapshot(snapshot, secrets);

      const url = new URL('/api/v1/registry', options.api);
      let answer: Response;
      try {
        answer = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(hashed),
        });
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause?.message ?? String(error);
        this.error(`pesan sim-seed: cannot reach ${url} (${cause}); is the backend up?`);
      }
      if (!answer.ok) {
        this.error(
          `pesan sim-seed: ${url} answered ${answer.status}: ${await answer.text()}` +
            (answer.status === 401 ? ' (check --token / PESAN_ADMIN_TOKEN)' : ''),
        );
      }

      const fleet = fleetDevicesOf(snapshot, secrets);
      await mkdir(dirname(options.out), { recursive: true });
      await writeFile(options.out, `${JSON.stringify({ devices: fleet }, null, 2)}\n`, {
        mode: 0o600,
      });
      process.stdout.write(
        `sim-seed: ${snapshot.bins.length} bins and ${fleet.length} devices loaded into ` +
          `${options.api}; devices file ${options.out}\n`,
      );
    });
}
