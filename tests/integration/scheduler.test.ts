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

  /**
   * The app's clock, set to a WIB time of day, running on from there: whether today's plan
   * time has passed must not depend on when the suite happens to run.
   */
  const clockAt = (wibTime: string) => {
    const start = Date.parse(`2026-03-10T${wibTime}+07:00`);
    const realStart = Date.now();

    return () => start + (Date.now() - realStart);
  };

  it('plans today at start-up when the daily plan time passed while down', async () => {
    const now = clockAt('09:30:00');
    t = await startTestApp({ schedule: { planCron: '1 0 * * *' } }, undefined, { now });
    const today = wibDate(now());
    expect(today).toBe('2026-03-10');
    expect(t.app.context.plans.get(today)).toBeNull();

    await t.app.scheduler.start();

    expect(t.app.context.plans.get(today)?.trigger).toBe('schedule');
    const runs = t.app.db.prepare("SELECT outcome FROM job_runs WHERE job = 'daily-plan'").all();
    expect(runs).toEqual([{ outcome: 'ok' }]);
  });

  it('waits for the plan time when the process starts before it', async () => {
    // 00:00:30 WIB, half a minute before a 00:01 plan: the cron job will plan, not start-up.
    const now = clockAt('00:00:30');
    t = await startTestApp({ schedule: { planCron: '1 0 * * *' } }, undefined, { now });
    await t.app.scheduler.start();

    expect(t.app.context.plans.get(wibDate(now()))).toBeNull();
    expect(t.app.db.prepare('SELECT * FROM job_runs').all()).toEqual([]);
  });

  it('does not plan on a day without a plan time (weekday-only schedule on a Sunday)', async () => {
    // 2026-03-15 is a Sunday; the plan runs Monday to Saturday only.
    const start = Date.parse('2026-03-15T09:30:00+07:00');
    const now = () => start;
    t = await startTestApp({ schedule: { planCron: '0 5 * * 1-6' } }, undefined, { now });
    await t.app.scheduler.start();

    expect(t.app.context.plans.get('2026-03-15')).toBeNull();
  });

  it('does not plan twice when today already has a plan', async () => {
    const now = clockAt('09:30:00');
    t = await startTestApp({ schedule: { planCron: '1 0 * * *' } }, undefined, { now });
    await t.app.context.planner.plan(wibDate(now()), 'api', now());
    await t.app.scheduler.start();

    expect(t.app.context.plans.get(wibDate(now()))?.trigger).toBe('api');
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
