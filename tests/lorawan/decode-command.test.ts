import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { decodeCommand } from '../../src/cli/commands/decode.js';

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `pesan decode ...` in process, capturing what it prints and how it exits. */
async function runDecode(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const command = decodeCommand()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        stdout += s;
      },
      writeErr: (s) => {
        stderr += s;
      },
    });
  try {
    await command.parseAsync(args, { from: 'user' });
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { stdout, stderr, exitCode: error.exitCode };
  }
}

describe('pesan decode', () => {
  it('prints the decoded reading and its verdict for a hex payload', async () => {
    const run = await runDecode(['milesight-em400-mud', '85', '01755C0367010104824408050000']);
    const output = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(0);
    expect(output).toMatchObject({
      ok: true,
      model: 'milesight-em400-mud',
      payloadHex: '01755C0367010104824408050000',
      frame: { distanceMm: 2116, batteryPct: 92, temperatureC: 25.7, tilted: false },
      fillPct: null,
      quality: { quality: 'ok', reason: null },
    });
  });

  it('reads base64 as the network servers show it, and computes fill with a bin geometry', async () => {
    // ChirpStack `data` of the DF702 heartbeat: 2000 mm.
    const run = await runDecode([
      'dingtek-df702',
      '3',
      'gAABAREH0AAZAAAAAAAAAIE=',
      '--mount-mm',
      '2500',
      '--usable-mm',
      '2000',
    ]);

    expect(JSON.parse(run.stdout)).toMatchObject({
      frame: { distanceMm: 2000, temperatureC: 25 },
      fillPct: 25,
      quality: { quality: 'ok' },
    });
  });

  it('says no-echo, never full, for a sensor that heard nothing', async () => {
    const run = await runDecode([
      'dragino-ldds20',
      '2',
      '0D3B000000000001',
      '--mount-mm',
      '1300',
      '--usable-mm',
      '1100',
    ]);
    const output = JSON.parse(run.stdout);

    expect(output.frame).toMatchObject({ noEcho: true, distanceMm: null });
    expect(output.fillPct).toBeNull();
    expect(output.quality.quality).toBe('no-echo');
  });

  it('shows no fill for a Milesight 0 mm (no echo) reading, and says why', async () => {
    // The published EM310 layout with the distance record at 0 mm, what the sensor sends
    // when nothing echoes; 0 mm in a 1300 mm bin would otherwise print as 118 % full.
    const run = await runDecode([
      'milesight-em310-udl',
      '85',
      '01755C03820000',
      '--mount-mm',
      '1300',
      '--usable-mm',
      '1100',
    ]);
    const output = JSON.parse(run.stdout);

    expect(run.exitCode).toBe(0);
    expect(output.frame).toMatchObject({ distanceMm: 0, batteryPct: 92 });
    expect(output.quality.quality).toBe('no-echo');
    expect(output.fillPct).toBeNull();
    expect(output.fillPctReason).toContain('not trusted (no-echo)');
  });

  it('shows no fill for a reading past the bin floor, but does for a good one', async () => {
    const args = (hex: string) => [
      'milesight-em310-udl',
      '85',
      hex,
      '--mount-mm',
      '1300',
      '--usable-mm',
      '1100',
    ];
    // 0x0DAC = 3500 mm, far below the floor of a 1300 mm bin; 0x01F4 = 500 mm, 72.7 % full.
    const past = JSON.parse((await runDecode(args('01755C0382AC0D'))).stdout);
    const good = JSON.parse((await runDecode(args('01755C0382F401'))).stdout);

    expect(past.quality.quality).toBe('out-of-range');
    expect(past.fillPct).toBeNull();
    expect(past.fillPctReason).toContain('out-of-range');
    expect(good).toMatchObject({ fillPct: 72.7, fillPctReason: null, quality: { quality: 'ok' } });
  });

  it('flags the published EM310 example: its tilt switch says the lid is open', async () => {
    const run = await runDecode(['milesight-em310-udl', '85', '01 75 5C 03 82 44 08 04 00 01']);

    expect(JSON.parse(run.stdout).quality).toMatchObject({
      quality: 'out-of-range',
      reason: expect.stringContaining('tilted'),
    });
  });

  it('has no verdict for a status frame', async () => {
    const run = await runDecode(['decentlab-dl-mbx', '1', '02012F00020BB1']);

    expect(JSON.parse(run.stdout)).toMatchObject({ frame: { kind: 'status' }, quality: null });
  });

  it('exits 1 with the reason for a frame our codec refuses', async () => {
    const run = await runDecode(['dragino-ldds20', '42', '0D3B0AEF00000001']);

    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, code: 'unknown-port' });
    expect(run.stderr).toContain('rejected (unknown-port)');
    expect(run.stderr).toContain('FPort 42');
  });

  it('exits 1 for an unknown model, unreadable payload text, or missing arguments', async () => {
    const unknown = await runDecode(['acme-9000', '1', '00']);
    const garbage = await runDecode(['milesight-em310-udl', '85', 'zz!']);
    const missing = await runDecode(['milesight-em310-udl']);

    expect(unknown).toMatchObject({ exitCode: 1 });
    expect(JSON.parse(unknown.stdout).code).toBe('unknown-model');
    expect(JSON.parse(garbage.stdout).code).toBe('bad-payload-text');
    expect(JSON.parse(missing.stdout).code).toBe('usage');
  });

  it('refuses an FPort that is not a port', async () => {
    const run = await runDecode(['milesight-em310-udl', '300', '01755C']);

    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('FPort between 0 and 255');
  });

  it('lists every model with its ports', async () => {
    const run = await runDecode(['--list']);
    const models = JSON.parse(run.stdout) as Array<{ model: string; ports: number[] }>;

    expect(run.exitCode).toBe(0);
    expect(models.map((m) => m.model)).toContain('pepperl-fuchs-wilsen-sonic-level');
    expect(models).toHaveLength(8);
    expect(models.find((m) => m.model === 'dingtek-df702')!.ports).toEqual([3]);
  });
});
