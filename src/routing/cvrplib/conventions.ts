import { type CvrpInstance, makeInstance } from '../engine/instance.js';
import type { VrpFile } from './parse-vrp.js';

/**
 * Benchmark conventions per CVRPLIB set (see bench/data/cvrplib/README.md):
 * A, B, P, X round every arc to the nearest integer; CMT does not. A, B and P use at most
 * k vehicles (k from the name); X and CMT have no fleet limit.
 */
export interface SetConvention {
  round: boolean;
  fleetFromName: boolean;
}

export function conventionFor(name: string): SetConvention {
  if (/^CMT/i.test(name)) return { round: false, fleetFromName: false };
  if (/^X-/i.test(name)) return { round: true, fleetFromName: false };
  if (/^[ABP]-/i.test(name)) return { round: true, fleetFromName: true };

  // Unknown families: TSPLIB's EUC_2D definition rounds; no fleet limit.
  return { round: true, fleetFromName: false };
}

/** The set an instance belongs to: "A", "B", "P", "X", "CMT" or "other". */
export function setOf(name: string): string {
  const match = /^(CMT|X|A|B|P)(?=\d|-)/i.exec(name);
  return match ? match[1]!.toUpperCase() : 'other';
}

export function fleetFromName(name: string): number | null {
  const match = /-k(\d+)/i.exec(name);
  return match ? Number(match[1]) : null;
}

export function instanceFromVrp(vrp: VrpFile, convention = conventionFor(vrp.name)): CvrpInstance {
  return makeInstance({
    name: vrp.name,
    demand: vrp.demand,
    capacity: vrp.capacity,
    maxRoutes: convention.fleetFromName ? fleetFromName(vrp.name) : null,
    durationLimit: vrp.distanceLimit ?? Number.POSITIVE_INFINITY,
    serviceTime: vrp.serviceTime,
    coords: { x: vrp.x, y: vrp.y, round: convention.round },
  });
}
