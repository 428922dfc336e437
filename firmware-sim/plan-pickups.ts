import { z } from 'zod';
import type { PlanResult } from '../src/routing/plan-types.js';

/**
 * The part of a day's plan (`GET /api/v1/plans/{date}`, a `PlanResult`) the simulator reads:
 * which bins crews will empty. Only the fields used are checked, so the plan can grow.
 */
const planSchema = z.object({
  date: z.string(),
  vehicles: z.array(
    z.object({
      vehicleId: z.string(),
      trips: z.array(
        z.object({
          stops: z.array(z.object({ type: z.string(), refId: z.string(), etaMin: z.number() })),
        }),
      ),
    }),
  ),
});

export interface PlannedPickup {
  binId: string;
  vehicleId: string;
  /** Minutes after local midnight the crew is expected at the bin. */
  etaMin: number;
}

export class PlanShapeError extends Error {
  constructor(detail: string) {
    super(`plan response is not a PlanResult: ${detail}`);
    this.name = 'PlanShapeError';
  }
}

/** Pickup stops of a plan in route order; disposal and depot stops are left out. */
export function plannedPickups(plan: unknown): PlannedPickup[] {
  const parsed = planSchema.safeParse(plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanShapeError(`${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }

  return parsed.data.vehicles.flatMap((vehicle) =>
    vehicle.trips.flatMap((trip) =>
      trip.stops
        .filter((stop) => stop.type === 'pickup')
        .map((stop) => ({ binId: stop.refId, vehicleId: vehicle.vehicleId, etaMin: stop.etaMin })),
    ),
  );
}

// Compile-time check that the schema above reads a real PlanResult: fails to build if not.
type Assert<T extends true> = T;
export type PlanResultIsReadable = Assert<
  PlanResult extends z.input<typeof planSchema> ? true : false
>;
