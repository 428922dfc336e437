import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../db/open-database.js';

export type JobState = 'idle' | 'running';

/**
 * A cron job with a name, its own time zone, no overlap with itself, and a record of every
 * run: duration and outcome are logged and kept in job_runs; an exception is logged as a
 * failure, never swallowed and never thrown into node-cron.
 */
export class Job {
  private state: JobState = 'idle';
  private task: ScheduledTask | null = null;

  constructor(
    readonly name: string,
    private readonly expression: string,
    private readonly timezone: string,
    private readonly body: () => Promise<string>,
    private readonly deps: { db: Db; logger: Logger },
  ) {}

  start(): void {
    this.task = cron.schedule(this.expression, () => this.run('scheduled'), {
      name: this.name,
      timezone: this.timezone,
    });
  }

  nextRun(): Date | null {
    return this.task?.getNextRun() ?? null;
  }

  /**
   * Whether the schedule has a run time in [from, to], minute by minute (run times are whole
   * minutes unless the expression has a seconds field, which the daily plan has no use for).
   * Asked with the app's clock, not node-cron's, so a test or a replay can set the time.
   */
  async dueBetween(from: number, to: number): Promise<boolean> {
    // A task that is never started, only asked; node-cron registers it, so it is destroyed.
    const own = this.task === null;
    const matcher =
      this.task ??
      cron.createTask(this.expression, () => {}, {
        timezone: this.timezone,
      });
    try {
      for (let t = Math.ceil(from / 60_000) * 60_000; t <= to; t += 60_000) {
        if (matcher.match(new Date(t))) return true;
      }

      return false;
    } finally {
      if (own) await matcher.destroy();
    }
  }

  /** Runs the body now unless it is already running; resolves with the outcome. */
  async run(trigger: 'scheduled' | 'startup' | 'manual'): Promise<'ok' | 'failed' | 'skipped'> {
    const { logger, db } = this.deps;
    if (this.state === 'running') {
      logger.warn({ job: this.name, trigger }, 'job skipped: previous run still going');

      return 'skipped';
    }

    this.state = 'running';
    const started = Date.now();
    try {
      const detail = await this.body();
      const ms = Date.now() - started;
      const level = this.name === 'alert-sweep' ? 'debug' : 'info';
      logger[level]({ job: this.name, trigger, ms, detail }, 'job done');
      db.prepare('INSERT INTO job_runs VALUES (?, ?, ?, ?, ?)').run(
        this.name,
        started,
        Date.now(),
        'ok',
        detail,
      );

      return 'ok';
    } catch (error) {
      logger.error({ job: this.name, trigger, err: error }, 'job failed');
      db.prepare('INSERT INTO job_runs VALUES (?, ?, ?, ?, ?)').run(
        this.name,
        started,
        Date.now(),
        'failed',
        (error as Error).message,
      );

      return 'failed';
    } finally {
      this.state = 'idle';
    }
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = null;
  }
}
