import type { GeoPoint } from '../../domain/registry.js';

/**
 * Road distance and driving time between every pair of points, row-major
 * (`distanceKm[from * size + to]`). Not necessarily symmetric.
 */
export interface TravelMatrix {
  size: number;
  distanceKm: Float64Array;
  durationMin: Float64Array;
}

/** Where a planner gets its road distances from (haversine estimate, OSRM, ...). */
export interface DistanceMatrixProvider {
  /** Short name for logs and plan metadata, e.g. "haversine x1.3" or "osrm". */
  readonly name: string;
  matrix(points: readonly GeoPoint[]): Promise<TravelMatrix>;
}
