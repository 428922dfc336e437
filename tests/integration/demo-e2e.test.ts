import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The demo command end to end, as a user runs it: seed, backfill, live fleet, plan, then the
 * printed curl for a crew's pickup list must return stops.
 */
describe('pesan demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesan-demo-'));
  let child: ChildProcess | null = null;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a working pickup-list curl within a minute', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'demo', '--days', '3', '--data-dir', join(dir, 'd')],
      {
        env: { ...process.env, PESAN_HTTP_PORT: '0', PESAN_MQTT_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });

    const curl = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no curl line in time:\n${out}`)), 60_000);
      const check = setInterval(() => {
        const match = out.match(/curl -H 'Authorization: Bearer (\S+)' (\S+)/);
        if (match) {
          clearInterval(check);
          clearTimeout(timer);
          resolve(match);
        }
      }, 100);
    });

    expect(out).toMatch(/Plan for \d{4}-\d{2}-\d{2}: [1-9]\d* pickups/);
    const response = await fetch(curl[2]!, { headers: { authorization: `Bearer ${curl[1]}` } });
    expect(response.status).toBe(200);
    const list = (await response.json()) as { stops: { type: string; binId: string | null }[] };
    const pickups = list.stops.filter((s) => s.type === 'pickup');
    expect(pickups.length).toBeGreaterThan(0);
    expect(pickups.every((s) => typeof s.binId === 'string')).toBe(true);

    // The printed links sign people in: the pages read the token from the fragment.
    const crewLink = out.match(/Crew page\s+(\S+)\/crew#token=(\S+)/);
    expect(crewLink?.[2]).toBe(curl[1]);
    const dashboard = out.match(/Dashboard\s+(\S+)\/#token=(\S+)/);
    const me = await fetch(`${dashboard![1]}/api/v1/me`, {
      headers: { authorization: `Bearer ${dashboard![2]}` },
    });
    expect(((await me.json()) as { role: string }).role).toBe('office');
    expect((await fetch(`${crewLink![1]}/crew`)).status).toBe(200);
  }, 90_000);
});
