import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Job } from '../../src/scheduler/job.js';
import { wibDate } from '../../src/shared/wib.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('scheduler', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('plans today at start-up when the daily plan time passed while down', async () => {
    // A plan time that has always passed by now: one minute after midnight WIB.
    t = await startTestApp({ schedule: { planCron: '1 0 * * *' } });
    const today = wibDate(Date.now());
    expect(t.app.context.plans.get(today)).toBeNull();

    await t.app.scheduler.start();

    expect(t.app.context.plans.get(today)?.trigger).toBe('schedule');
    const runs = t.app.db.prepare("SELECT outcome FROM job_runs WHERE job = 'daily-plan'").all();
    expect(runs).toEqual([{ outcome: 'ok' }]);
  });

  it('does not plan twice when today already has a plan', async () => {
    t = await startTestApp({ schedule: { planCron: '1 0 * * *' } });
    await t.app.context.planner.plan(wibDate(Date.now()), 'api', Date.now());
    await t.app.scheduler.start();

    expect(t.app.context.plans.get(wibDate(Date.now()))?.trigger).toBe('api');
  });

  it('never overlaps a job with itself and records failures instead of throwing', async () => {
    t = await startTestApp();
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    let release = () => {};
    let calls = 0;
    const job = new Job(
      'slow',
      '* * * * *',
      'Asia/Jakarta',
      async () => {
        calls++;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        throw new Error('boom');
      },
      { db: t.app.db, logger },
    );

    const first = job.run('manual');
    expect(await job.run('manual')).toBe('skipped');
    release();
    expect(await first).toBe('failed');
    expect(calls).toBe(1);
    expect(lines.join('')).toMatch(/"job":"slow".*"msg":"job failed"/);
    const runs = t.app.db.prepare("SELECT outcome, detail FROM job_runs WHERE job = 'slow'").all();
    expect(runs).toEqual([{ outcome: 'failed', detail: 'boom' }]);
  });

  it('sweeps silent sensors into alerts, including ones that never reported', async () => {
    t = await startTestApp();
    const later = Date.now() + 4 * 900_000;
    const changes = t.app.context.alerts.sweep(later);

    expect(changes).toBe(3);
    const silent = t.app.context.alertRepo.list({ status: 'open', limit: 10 });
    expect(silent.map((a) => [a.kind, a.message])).toEqual(
      Array(3).fill(['silent', 'sensor has never reported']),
    );
  });
});
