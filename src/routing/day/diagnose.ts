import { clockTime } from '../../shared/wib.js';
import type { UnservedBin } from '../plan-types.js';
import type { BinInserter } from './insertion.js';
import { canLift, canUnloadAt } from './rules.js';
import type { DaySolution } from './solution.js';

/**
 * Says why an unserved bin could not be placed, by testing the constraints one at a time
 * against the final plan: vehicle kind, size, open disposal sites, daily caps, shift time,
 * and otherwise full trips.
 */
export function explainUnserved(solution: DaySolution, inserter: BinInserter, b: number): string {
  const model = solution.model;
  const bin = model.bins[b]!;
  const kind = bin.candidate.kind;
  const vehicleCount = model.vehicles.length;

  const lifters = model.vehicles.filter((v) => canLift(v.vehicle.kind, kind));
  if (lifters.length === 0) {
    const idle = model.allVehicles.filter((v) => !v.available && canLift(v.kind, kind));
    return idle.length > 0
      ? `no available vehicle can empty a ${kind} container ` +
          `(${idle.map((v) => v.id).join(', ')} unavailable)`
      : `no vehicle in the fleet can empty a ${kind} container`;
  }

  const usable = model.vehicles.filter((_, vi) => model.binVehicleOk[b * vehicleCount + vi] === 1);
  if (usable.length === 0) {
    const load = `${bin.volumeM3.toFixed(1)} m3 / ${Math.round(bin.weightKg)} kg`;

    return `expected load ${load} exceeds every vehicle that can empty it`;
  }

  const siteOk = usable.some((v) =>
    v.disposals.some((d) => {
      const areas = model.disposals[d]!.areaIds;
      return areas === null || areas.has(bin.candidate.areaId);
    }),
  );
  if (!siteOk) {
    const closed = model.disposals.filter(
      (d) =>
        d.unusableReason !== null &&
        usable.some((v) => canUnloadAt(v.vehicle.kind, d.facility.kind)),
    );
    const why = closed.map((d) => d.unusableReason).join('; ');
    return `no disposal site can take its load today${why ? `: ${why}` : ''}`;
  }

  if (inserter.best(b, { exhaustive: true, relax: { ignoreCaps: true } }) !== null) {
    const full = model.disposals.filter(
      (d, i) => d.capLeftKg - solution.totalKg[i]! < bin.weightKg,
    );
    const names = full.map((d) => `${d.facility.name} (${d.facility.dailyCapTonnes} t)`);
    return `daily disposal cap reached at ${names.join(', ') || 'the sites in reach'}`;
  }

  if (inserter.best(b, { exhaustive: true, relax: { ignoreShift: true } }) !== null) {
    const latest = Math.max(...usable.map((v) => v.shiftEndMin));
    return (
      'not enough shift time left on any vehicle that can empty it ' +
      `(shifts end by ${clockTime(latest)})`
    );
  }

  const higherServed = model.bins.some(
    (other, o) => solution.binVehicle[o]! >= 0 && other.priorityRank < bin.priorityRank,
  );
  return higherServed
    ? 'fleet capacity used up: every suitable trip is full with higher-priority bins'
    : 'fleet capacity used up: every suitable trip is full';
}

export function unservedBins(solution: DaySolution, inserter: BinInserter): UnservedBin[] {
  const result: UnservedBin[] = [];
  solution.binVehicle.forEach((vi, b) => {
    if (vi >= 0) return;

    const candidate = solution.model.bins[b]!.candidate;
    result.push({
      binId: candidate.binId,
      priority: candidate.priority,
      reason: explainUnserved(solution, inserter, b),
    });
  });

  return result;
}
