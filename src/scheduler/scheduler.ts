import type { Logger } from 'pino';
import type { AlertService } from '../alerts/alert-service.js';
import type { Db } from '../db/open-database.js';
import type { PlanRepo } from '../routing/plan-repo.js';
import type { PlanService } from '../routing/plan-service.js';
import { wibDate, wibMidnight } from '../shared/wib.js';
import { Job } from './job.js';

export interface SchedulerDeps {
  db: Db;
  logger: Logger;
  alerts: AlertService;
  planner: PlanService;
  plans: PlanRepo;
  options: { timezone: string; sweepCron: string; planCron: string };
  now?: () => number;
}

/** The two recurring jobs: the alert sweep and the daily plan. */
export class Scheduler {
  readonly sweep: Job;
  readonly dailyPlan: Job;
  private readonly now: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.now = deps.now ?? Date.now;
    const { options } = deps;

    this.sweep = new Job(
      'alert-sweep',
      options.sweepCron,
      options.timezone,
      async () => `${deps.alerts.sweep(this.now())} alert changes`,
      deps,
    );
    this.dailyPlan = new Job(
      'daily-plan',
      options.planCron,
      options.timezone,
      async () => {
        const stored = await deps.planner.plan(wibDate(this.now()), 'schedule', this.now());

        return `${stored.plan.vehicles.length} vehicles, ${stored.plan.unserved.length} unserved`;
      },
      deps,
    );
  }

  /**
   * Starts both jobs. node-cron keeps no memory of runs it missed, so a day whose plan time
   * passed while the process was down is planned now.
   */
  async start(): Promise<void> {
    this.sweep.start();
    this.dailyPlan.start();

    const now = this.now();
    const today = wibDate(now);
    const todaysRunPassed = await this.dailyPlan.dueBetween(wibMidnight(today), now);
    if (todaysRunPassed && !this.deps.plans.get(today)) {
      this.deps.logger.info({ date: today }, 'daily plan missed while down: planning now');
      await this.dailyPlan.run('startup');
    }
  }

  async stop(): Promise<void> {
    await this.sweep.stop();
    await this.dailyPlan.stop();
  }
}
