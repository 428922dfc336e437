import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simCommand } from '../../src/cli/commands/sim.js';
import { api, fillTwoOfThree, smallRegistry, startTestApp } from '../helpers/test-app.js';
import { testBin } from './helpers/bins.js';
import { TestBroker } from './helpers/broker.js';

const devices = [
  { deviceId: 'dev-a', secret: 'sa', bin: testBin('bin-a') },
  { deviceId: 'dev-b', secret: 'sb', bin: testBin('bin-b', { landUse: 'market' }) },
];

describe('pesan sim', () => {
  let dir: string;
  let broker: TestBroker;
  let stdout: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pesan-sim-'));
    broker = await TestBroker.start({ 'dev-a': 'sa', 'dev-b': 'sb' });
    stdout = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.stubEnv('PESAN_TOKEN', undefined);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await broker.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<void> {
    const command = simCommand()
      .exitOverride()
      .configureOutput({ writeErr: () => undefined });
    await command.parseAsync(args, { from: 'user' });
  }

  it('runs the fleet in the devices file for the given duration and prints a summary', async () => {
    const file = join(dir, 'devices.json');
    await writeFile(file, JSON.stringify({ devices }));

    await run(['--broker', broker.url, '--devices', file, '--speed', '9000', '--duration', '0.8']);

    expect(broker.telemetry('dev-a').length).toBeGreaterThanOrEqual(2);
    expect(broker.telemetry('dev-b').length).toBeGreaterThanOrEqual(2);
    expect(broker.statuses('dev-a').at(-1)).toBe('offline');
    expect(stdout.join('')).toMatch(/^sim: 2 devices, \d+ readings sent \(\d+ acknowledged/);
  });

  it("follows the real API's day plan with --api and empties the bins on it", async () => {
    // The real app (broker, API, planner), so the plan's shape is the one the server sends.
    const registry = smallRegistry(3);
    const t = await startTestApp({}, registry);
    try {
      await fillTwoOfThree(t);
      const planned = await api(t, '/api/v1/plans', { method: 'POST', body: {} });
      expect(planned.status).toBe(201);

      const file = join(dir, 'devices.json');
      const fleet = registry.snapshot.bins.map((b) => ({
        deviceId: `dev-${b.id}`,
        secret: registry.secrets.get(`dev-${b.id}`),
        bin: b,
      }));
      await writeFile(file, JSON.stringify(fleet));
      const officeToken = t.app.context.tokens.create('office', 'sim');
      await run([
        ...['--broker', t.mqttUrl, '--devices', file, '--speed', '900', '--duration', '0.8'],
        ...['--api', t.baseUrl, '--token', officeToken, '--empty-delay', '0.1'],
      ]);

      expect(stdout.join('')).toContain(', 2 bins emptied, 0 refused logins');
    } finally {
      await t.close();
    }
  });

  it('refuses a devices file with a bad field, naming it', async () => {
    const file = join(dir, 'devices.json');
    const broken = [{ ...devices[0]!, bin: { ...devices[0]!.bin, kind: 'bucket' } }];
    await writeFile(file, JSON.stringify(broken));

    await expect(run(['--broker', broker.url, '--devices', file])).rejects.toThrow(
      /devices file .*devices\.json: devices\.0\.bin\.kind/,
    );
  });

  it('refuses --api without a token and a speed that is not a number', async () => {
    const file = join(dir, 'devices.json');
    await writeFile(file, JSON.stringify(devices));

    await expect(
      run(['--broker', broker.url, '--devices', file, '--api', 'http://127.0.0.1:9']),
    ).rejects.toThrow(CommanderError);
    await expect(
      run(['--broker', broker.url, '--devices', file, '--speed', 'fast']),
    ).rejects.toThrow(/expected a number greater than 0/);
    expect(broker.telemetry()).toHaveLength(0);
  });
});
