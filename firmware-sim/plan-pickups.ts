import { z } from 'zod';
import type { StoredPlan } from '../src/routing/plan-repo.js';

/**
 * The part of a day's plan the simulator reads: which bins crews will empty. The API
 * (`GET /api/v1/plans/{date}`) answers with a `StoredPlan`, the `PlanResult` sitting under
 * `plan` next to when and why it was made. Only the fields used are checked, so the plan can
 * grow.
 */
const storedPlanSchema = z.object({
  date: z.string(),
  plan: z.object({
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
  }),
});

export interface PlannedPickup {
  binId: string;
  vehicleId: string;
  /** Minutes after local midnight the crew is expected at the bin. */
  etaMin: number;
}

export class PlanShapeError extends Error {
  constructor(detail: string) {
    super(`plan response is not a stored plan: ${detail}`);
    this.name = 'PlanShapeError';
  }
}

/** Pickup stops of a stored plan in route order; disposal and depot stops are left out. */
export function plannedPickups(response: unknown): PlannedPickup[] {
  const parsed = storedPlanSchema.safeParse(response);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlanShapeError(`${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }

  return parsed.data.plan.vehicles.flatMap((vehicle) =>
    vehicle.trips.flatMap((trip) =>
      trip.stops
        .filter((stop) => stop.type === 'pickup')
        .map((stop) => ({ binId: stop.refId, vehicleId: vehicle.vehicleId, etaMin: stop.etaMin })),
    ),
  );
}

// Compile-time check that the schema reads what the API returns: fails to build if the stored
// plan's shape moves away from it. The route itself is exercised against the real app in
// tests/sim/sim-command.test.ts and tests/sim/pickup-follower.test.ts.
type Assert<T extends true> = T;
export type StoredPlanIsReadable = Assert<
  StoredPlan extends z.input<typeof storedPlanSchema> ? true : false
>;
