/**
 * A capacitated vehicle-routing instance in the engine's index form. Node 0 is the depot,
 * nodes 1..n-1 are customers. Distances must be symmetric (the local search relies on it).
 */
export interface CvrpInstance {
  name: string;
  /** Number of nodes including the depot. */
  n: number;
  /** Row-major n x n distance matrix. */
  dist: Float64Array;
  demand: Float64Array;
  capacity: number;
  /** Upper bound on routes, or null for an unlimited fleet. */
  maxRoutes: number | null;
  /** Route limit on travel plus service time (CMT 6-10, 13, 14); Infinity when absent. */
  durationLimit: number;
  /** Service time at each node (0 at the depot). */
  serviceTime: Float64Array;
  /** Coordinates, used for polar sectors (SWAP*) when present. */
  x: Float64Array | null;
  y: Float64Array | null;
}

export interface CvrpInstanceInput {
  name?: string;
  demand: ArrayLike<number>;
  capacity: number;
  maxRoutes?: number | null;
  durationLimit?: number;
  serviceTime?: ArrayLike<number> | number;
  /** Either coordinates (with a rounding rule) or a full distance matrix. */
  coords?: { x: ArrayLike<number>; y: ArrayLike<number>; round: boolean };
  dist?: ArrayLike<number>;
}

/** TSPLIB nint: round half up, as CVRPLIB's A, B, P and X sets use per arc. */
export const nint = (d: number): number => Math.floor(d + 0.5);

export function euclideanMatrix(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  round: boolean,
): Float64Array {
  const n = x.length;
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!);
      const v = round ? nint(d) : d;
      dist[i * n + j] = v;
      dist[j * n + i] = v;
    }
  }

  return dist;
}

export function makeInstance(input: CvrpInstanceInput): CvrpInstance {
  const n = input.demand.length;
  if (n < 2) throw new RangeError('an instance needs a depot and at least one customer');
  if (!(input.capacity > 0)) throw new RangeError('capacity must be > 0');

  const demand = Float64Array.from(input.demand);
  demand[0] = 0;
  for (let i = 1; i < n; i++) {
    if (!(demand[i]! >= 0)) throw new RangeError(`demand of node ${i} must be >= 0`);
    if (demand[i]! > input.capacity) {
      throw new RangeError(`demand of node ${i} (${demand[i]}) exceeds the capacity`);
    }
  }

  let dist: Float64Array;
  if (input.dist) {
    if (input.dist.length !== n * n) throw new RangeError(`distance matrix must be ${n} x ${n}`);
    dist = Float64Array.from(input.dist);
  } else if (input.coords) {
    dist = euclideanMatrix(input.coords.x, input.coords.y, input.coords.round);
  } else {
    throw new RangeError('give either coordinates or a distance matrix');
  }

  const service = new Float64Array(n);
  if (typeof input.serviceTime === 'number') service.fill(input.serviceTime);
  else if (input.serviceTime) service.set(Array.from(input.serviceTime));
  service[0] = 0;

  return {
    name: input.name ?? 'instance',
    n,
    dist,
    demand,
    capacity: input.capacity,
    maxRoutes: input.maxRoutes ?? null,
    durationLimit: input.durationLimit ?? Number.POSITIVE_INFINITY,
    serviceTime: service,
    x: input.coords ? Float64Array.from(input.coords.x) : null,
    y: input.coords ? Float64Array.from(input.coords.y) : null,
  };
}

/** Total distance of routes (customer lists, depot implicit at both ends). */
export function routesDistance(
  instance: CvrpInstance,
  routes: readonly (readonly number[])[],
): number {
  const { n, dist } = instance;
  let total = 0;
  for (const route of routes) {
    let prev = 0;
    for (const c of route) {
      total += dist[prev * n + c]!;
      prev = c;
    }
    total += dist[prev * n]!;
  }

  return total;
}
