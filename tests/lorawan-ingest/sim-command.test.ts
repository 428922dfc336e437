import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceScenario, type ScenarioMessage } from '../../firmware-sim/lorawan/scenario.js';
import type { SimDeviceSpec } from '../../firmware-sim/lorawan/sim-device.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  binOf,
  CHIRPSTACK_APP,
  INTEGRATIONS,
  integrationFor,
  loraRegistry,
  TTN_APP,
} from './lora-fleet.js';

const CHIRPSTACK_DEVICES: SimDeviceSpec[] = [
  {
    model: 'dragino-ldds20',
    devEui: 'a1b2c3d4e5f600c1',
    deviceId: 'cli-ldds20',
    applicationId: CHIRPSTACK_APP,
  },
  {
    model: 'dingtek-df702',
    devEui: 'a1b2c3d4e5f600c2',
    deviceId: 'cli-df702',
    applicationId: CHIRPSTACK_APP,
  },
];
const TTN_DEVICE: SimDeviceSpec = {
  model: 'milesight-em310-udl',
  devEui: 'a1b2c3d4e5f600c3',
  deviceId: 'cli-em310',
  applicationId: TTN_APP,
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pesan sim` as its own process, as a person would run it. */
function pesanSim(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'sim', ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const count = (messages: ScenarioMessage[], outcome: ScenarioMessage['expect']) =>
  messages.filter((m) => m.expect === outcome).length;

describe('pesan sim --lorawan against a real app with integration accounts', () => {
  const dir = makeTempDir('sim-lorawan');
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(
      { lorawan: { integrations: INTEGRATIONS } },
      loraRegistry([...CHIRPSTACK_DEVICES, TTN_DEVICE]),
    );
  });
  afterAll(async () => {
    await t.close();
    dir.remove();
  });

  const readingsOf = (binId: string) => t.app.context.store.readings(binId, 0, Date.now() + 1);

  it('publishes ChirpStack envelopes with the account, and every reading lands once', async () => {
    const file = join(dir.path, 'chirpstack-devices.json');
    // No applicationId in the file: --application gives it.
    const listed = CHIRPSTACK_DEVICES.map(({ applicationId: _, ...d }) => d);
    writeFileSync(file, JSON.stringify({ devices: listed }));
    const { username, password } = integrationFor('chirpstack');

    const run = await pesanSim(
      [
        '--lorawan',
        'chirpstack',
        '--broker',
        t.mqttUrl,
        '--devices',
        file,
        '--ns-user',
        username,
        '--application',
        CHIRPSTACK_APP,
      ],
      { PESAN_NS_PASSWORD: password },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const scenario = deviceScenario('chirpstack', CHIRPSTACK_DEVICES[0]!, 0);
    const perDevice = {
      reading: count(scenario, 'reading'),
      duplicate: count(scenario, 'duplicate'),
      frame: count(scenario, 'rejected-frame'),
      envelope: count(scenario, 'rejected-envelope'),
    };
    expect(run.stdout.trim()).toBe(
      `sim: 2 LoRaWAN devices behind chirpstack, ${2 * scenario.length} messages acknowledged ` +
        `(${2 * perDevice.reading} readings, ${2 * perDevice.duplicate} duplicates, ` +
        `${2 * perDevice.frame} bad frames, ${2 * perDevice.envelope} bad envelopes)`,
    );

    for (const device of CHIRPSTACK_DEVICES) {
      const readings = await readingsOf(binOf(device));
      expect(
        readings.map((r) => [r.seq, r.source]),
        device.deviceId,
      ).toEqual([
        [0, 'chirpstack'],
        [1, 'chirpstack'],
        [0, 'chirpstack'],
        [1, 'chirpstack'],
      ]);
      const refused = t.app.context.quarantine
        .recent(200)
        .filter((e) => e.topic.includes(device.devEui));
      expect(refused.map((e) => e.code).sort()).toEqual([
        ...Array(perDevice.envelope).fill('bad-envelope'),
        ...Array(perDevice.frame).fill('decode-failed'),
      ]);
    }
  });

  it('publishes TTN envelopes, and fails with the reason when the broker refuses', async () => {
    const file = join(dir.path, 'ttn-devices.json');
    writeFileSync(file, JSON.stringify([TTN_DEVICE]));
    const { username, password } = integrationFor('ttn');
    const args = ['--lorawan', 'ttn', '--broker', t.mqttUrl, '--devices', file];

    const ok = await pesanSim([...args, '--ns-user', username, '--ns-password', password]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^sim: 1 LoRaWAN devices behind ttn, \d+ messages acknowledged/);
    expect((await readingsOf(binOf(TTN_DEVICE))).map((r) => r.source)).toEqual([
      'ttn',
      'ttn',
      'ttn',
      'ttn',
    ]);

    const refused = await pesanSim([...args, '--ns-user', username, '--ns-password', 'wrong']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(
      /^error: publishing to mqtt:\S+ as ns-ttn: .*(bad username or password|not authorized)/i,
    );

    writeFileSync(join(dir.path, 'bad.json'), JSON.stringify([{ ...TTN_DEVICE, model: 'x' }]));
    const bad = await pesanSim([
      ...args.slice(0, -1),
      join(dir.path, 'bad.json'),
      '--ns-user',
      username,
      '--ns-password',
      password,
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^error: devices file \S+bad\.json: devices\.0\.model: /);

    const missing = await pesanSim([...args, '--ns-user', username]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/--lorawan needs --ns-user and --ns-password/);
  });
});
