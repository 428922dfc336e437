/**
 * Checks a CVRP solution from the raw instance data, sharing no code with the solver:
 * every customer exactly once, loads within capacity, route count and route length within
 * their limits, and the cost recomputed arc by arc with the instance's rounding rule.
 */
export interface CvrpCheckInstance {
  /** Coordinates and demands, node 0 = depot. */
  x: readonly number[];
  y: readonly number[];
  demand: readonly number[];
  capacity: number;
  /** Round each arc to the nearest integer (TSPLIB nint) before summing. */
  round: boolean;
  maxRoutes?: number | null;
  /** Limit on travel + service per route. */
  durationLimit?: number | null;
  serviceTime?: number;
}

export interface CvrpCheck {
  ok: boolean;
  problems: string[];
  /** Cost recomputed by the checker. */
  cost: number;
}

export function checkCvrpSolution(
  inst: CvrpCheckInstance,
  routes: readonly (readonly number[])[],
  claimedCost?: number,
): CvrpCheck {
  const problems: string[] = [];
  const n = inst.demand.length;
  const arc = (a: number, b: number): number => {
    const d = Math.sqrt((inst.x[a]! - inst.x[b]!) ** 2 + (inst.y[a]! - inst.y[b]!) ** 2);
    return inst.round ? Math.floor(d + 0.5) : d;
  };

  const visits = new Array<number>(n).fill(0);
  let cost = 0;
  let usedRoutes = 0;
  routes.forEach((route, r) => {
    if (route.length === 0) return;
    usedRoutes++;

    let load = 0;
    let length = 0;
    let prev = 0;
    for (const c of route) {
      if (!Number.isInteger(c) || c < 1 || c >= n) {
        problems.push(`route ${r + 1}: ${c} is not a customer`);
        continue;
      }
      visits[c]!++;
      load += inst.demand[c]!;
      length += arc(prev, c) + (inst.serviceTime ?? 0);
      prev = c;
    }
    length += arc(prev, 0);
    cost += length - route.length * (inst.serviceTime ?? 0);
    if (load > inst.capacity)
      problems.push(`route ${r + 1}: load ${load} > capacity ${inst.capacity}`);
    if (inst.durationLimit != null && length > inst.durationLimit + 1e-6) {
      problems.push(`route ${r + 1}: length ${length.toFixed(2)} > limit ${inst.durationLimit}`);
    }
  });

  for (let c = 1; c < n; c++) {
    if (visits[c] === 0) problems.push(`customer ${c} is not visited`);
    if (visits[c]! > 1) problems.push(`customer ${c} is visited ${visits[c]} times`);
  }
  if (inst.maxRoutes != null && usedRoutes > inst.maxRoutes) {
    problems.push(`${usedRoutes} routes > fleet of ${inst.maxRoutes}`);
  }
  if (claimedCost !== undefined && Math.abs(claimedCost - cost) > 1e-6 * Math.max(1, cost)) {
    problems.push(`claimed cost ${claimedCost} != recomputed ${cost}`);
  }

  return { ok: problems.length === 0, problems, cost };
}
