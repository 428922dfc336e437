/**
 * Serang collection rules: which vehicle empties which container, where each vehicle may
 * unload, and the time and fuel figures the planner uses. Figures marked ASSUMPTION come
 * from the demo parameters (shared/data/serang/demo-parameters.md, section 7) and are
 * defaults to tune, not measurements.
 */
import type { BinKind, FacilityKind, VehicleKind } from '../../domain/registry.js';

/** Containers each vehicle kind can empty. Arm-roll trucks only lift skips. */
const LIFTS: Record<VehicleKind, readonly BinKind[]> = {
  'dump-truck': ['house-40', 'wheelie-120', 'wheelie-240', 'wheelie-660', 'masonry-tps'],
  'arm-roll': ['armroll-skip-6m3'],
  'three-wheeler': ['house-40', 'wheelie-120', 'wheelie-240', 'wheelie-660'],
};

/** Disposal sites each vehicle kind may unload at. Three-wheelers never go to the landfill. */
const UNLOADS_AT: Record<VehicleKind, readonly FacilityKind[]> = {
  'dump-truck': ['TPA', 'TPST', 'TPS3R'],
  'arm-roll': ['TPA', 'TPST'],
  'three-wheeler': ['TPS3R', 'TPS'],
};

/** Facility kinds that take waste (depots and bank sampah do not). */
export const DISPOSAL_KINDS: readonly FacilityKind[] = ['TPA', 'TPST', 'TPS3R', 'TPS'];

/** ASSUMPTION: minutes at a stop, by container (walk, lift or tip, put back). */
const SERVICE_MIN: Record<BinKind, number> = {
  'house-40': 0.5,
  'wheelie-120': 1,
  'wheelie-240': 1.5,
  'wheelie-660': 3,
  // Masonry bak sampah are shovelled by hand into the truck.
  'masonry-tps': 20,
  // Drop the empty skip, hook the full one.
  'armroll-skip-6m3': 10,
};

/** ASSUMPTION: minutes per disposal visit (queue, weighbridge, tipping), by site kind. */
const TIPPING_MIN: Record<FacilityKind, number> = {
  TPA: 25,
  TPST: 15,
  TPS3R: 10,
  TPS: 5,
  depot: 0,
  bank_sampah: 0,
};

/** ASSUMPTION: driving speed of each kind relative to the plan's average truck speed. */
const SPEED_FACTOR: Record<VehicleKind, number> = {
  'dump-truck': 1,
  'arm-roll': 1,
  'three-wheeler': 0.7,
};

/** ASSUMPTION: fuel burnt per km (diesel trucks about 4 km/L, motor three-wheelers 25 km/L). */
const FUEL_L_PER_KM: Record<VehicleKind, number> = {
  'dump-truck': 0.25,
  'arm-roll': 0.3,
  'three-wheeler': 0.04,
};

/** ASSUMPTION: the regular morning shift (demo parameters 7.4) for vehicles with no crew. */
export const DEFAULT_SHIFT = { startMin: 5 * 60, endMin: 12 * 60 } as const;

export const canLift = (vehicle: VehicleKind, bin: BinKind): boolean =>
  LIFTS[vehicle].includes(bin);

export const canUnloadAt = (vehicle: VehicleKind, facility: FacilityKind): boolean =>
  UNLOADS_AT[vehicle].includes(facility);

export const serviceMin = (bin: BinKind): number => SERVICE_MIN[bin];
export const tippingMin = (facility: FacilityKind): number => TIPPING_MIN[facility];
export const speedFactor = (vehicle: VehicleKind): number => SPEED_FACTOR[vehicle];
export const fuelLitresPerKm = (vehicle: VehicleKind): number => FUEL_L_PER_KM[vehicle];

/** A full skip fills an arm-roll truck: every skip is its own trip to a disposal site. */
export const maxStopsPerTrip = (vehicle: VehicleKind): number =>
  vehicle === 'arm-roll' ? 1 : Number.POSITIVE_INFINITY;

/** ISO weekday (1 = Monday ... 7 = Sunday) of a YYYY-MM-DD calendar date. */
export function isoWeekday(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);

  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime())) throw new RangeError(`not a calendar date: "${date}"`);

  return day.getUTCDay() === 0 ? 7 : day.getUTCDay();
}
