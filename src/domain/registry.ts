/**
 * The things Pesan Ibu knows about: areas, sites, bins, devices, facilities, vehicles and crews.
 * Units are in the names (Mm = millimetres, L = litres, M3 = cubic metres, Kg, Pct).
 */

export const LAND_USES = ['residential', 'market', 'school', 'office', 'shophouse'] as const;
export type LandUse = (typeof LAND_USES)[number];

export const BIN_KINDS = [
  'house-40',
  'wheelie-120',
  'wheelie-240',
  'wheelie-660',
  'masonry-tps',
  'armroll-skip-6m3',
] as const;
export type BinKind = (typeof BIN_KINDS)[number];

export const FACILITY_KINDS = ['depot', 'TPA', 'TPST', 'TPS3R', 'TPS', 'bank_sampah'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const VEHICLE_KINDS = ['dump-truck', 'arm-roll', 'three-wheeler'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** A kecamatan (district) of Kabupaten Serang. */
export interface Area extends GeoPoint {
  id: string;
  name: string;
  code: string;
  population: number | null;
}

/** A place where one or more containers stand: a TPS, a market, a school, a housing block. */
export interface Site extends GeoPoint {
  id: string;
  name: string;
  areaId: string;
  landUse: LandUse;
  address: string | null;
}

/** A bin or container with a fill-level sensor mounted above it. */
export interface Bin extends GeoPoint {
  id: string;
  areaId: string;
  /** Display name of the place; kept for bins registered before sites existed. */
  siteName: string;
  /**
   * The site the bin stands at, null for none. Left out (undefined) only in input to an
   * import, where it keeps the site link the registry already has for that bin.
   */
  siteId?: string | null;
  kind: BinKind;
  volumeL: number;
  /** Distance from the sensor face to the bin floor. */
  mountHeightMm: number;
  /** Part of the mounting height that can hold waste: full means distance = mount - usable. */
  usableDepthMm: number;
  landUse: LandUse;
  /** Fill percentage at or above which the bin is full (alert and pickup). */
  thresholdPct: number;
  /** Seconds between expected sensor reports; silence is judged against it. */
  reportIntervalS: number;
  enabled: boolean;
}

export interface Device {
  id: string;
  binId: string;
  model: string;
  /** scrypt hash of the device's MQTT password, `scrypt$<salt hex>$<hash hex>`. */
  secretHash: string;
  enabled: boolean;
  /** LoRaWAN DevEUI (lower-case hex) when the device arrives through a network server. */
  devEui: string | null;
}

/** Days are ISO weekdays, 1 = Monday ... 7 = Sunday. */
export interface Facility extends GeoPoint {
  id: string;
  name: string;
  kind: FacilityKind;
  dailyCapTonnes: number | null;
  openDays: number[];
  /** Opening hours as minutes after local midnight (WIB). */
  openFromMin: number;
  openToMin: number;
  active: boolean;
  /** Area ids whose waste it takes; empty = any area. */
  acceptsAreaIds: string[];
  note: string;
}

export interface Vehicle {
  id: string;
  kind: VehicleKind;
  capacityM3: number;
  capacityKg: number;
  depotId: string;
  available: boolean;
  maxTrips: number;
}

export interface Crew {
  id: string;
  name: string;
  vehicleId: string;
  /** Shift as minutes after local midnight (WIB). */
  shiftStartMin: number;
  shiftEndMin: number;
}

/** The whole registry as one JSON document (import/export, demo scenario). */
export interface RegistrySnapshot {
  areas: Area[];
  sites: Site[];
  facilities: Facility[];
  bins: Bin[];
  devices: Device[];
  vehicles: Vehicle[];
  crews: Crew[];
}
