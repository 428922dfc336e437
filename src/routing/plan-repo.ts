import type { Db } from '../db/open-database.js';
import type { PlanResult } from './plan-types.js';

export interface StoredPlan {
  date: string;
  createdAt: number;
  trigger: string;
  plan: PlanResult;
}

/** One plan per WIB date; planning again replaces it. */
export class PlanRepo {
  constructor(private readonly db: Db) {}

  save(plan: PlanResult, trigger: string, now: number): void {
    this.db
      .prepare(
        `INSERT INTO plans (date, created_at, trigger, body) VALUES (?, ?, ?, ?)
         ON CONFLICT(date) DO UPDATE SET created_at = excluded.created_at,
           trigger = excluded.trigger, body = excluded.body`,
      )
      .run(plan.date, now, trigger, JSON.stringify(plan));
  }

  get(date: string): StoredPlan | null {
    const row = this.db.prepare('SELECT * FROM plans WHERE date = ?').get(date) as
      | { date: string; created_at: number; trigger: string; body: string }
      | undefined;
    if (!row) return null;

    return {
      date: row.date,
      createdAt: row.created_at,
      trigger: row.trigger,
      plan: JSON.parse(row.body) as PlanResult,
    };
  }
}
