import type { GeoPoint } from '../../domain/registry.js';
import { haversineKm } from './haversine.js';
import type { DistanceMatrixProvider, TravelMatrix } from './travel-matrix.js';

export interface HaversineOptions {
  /** Road distance over straight-line distance; about 1.3 in Serang (demo parameters 7.1). */
  roadFactor: number;
  /** Average driving speed including junctions and village roads. */
  speedKmh: number;
}

/** Straight-line distance times a road factor: needs no map data and no network. */
export function haversineMatrix(
  points: readonly GeoPoint[],
  options: HaversineOptions,
): TravelMatrix {
  if (!(options.roadFactor >= 1)) throw new RangeError('roadFactor must be >= 1');
  if (!(options.speedKmh > 0)) throw new RangeError('speedKmh must be > 0');

  const size = points.length;
  const distanceKm = new Float64Array(size * size);
  const durationMin = new Float64Array(size * size);
  const minPerKm = 60 / options.speedKmh;
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const km = haversineKm(points[i]!, points[j]!) * options.roadFactor;
      distanceKm[i * size + j] = km;
      distanceKm[j * size + i] = km;
      durationMin[i * size + j] = km * minPerKm;
      durationMin[j * size + i] = km * minPerKm;
    }
  }

  return { size, distanceKm, durationMin };
}

export function haversineProvider(options: HaversineOptions): DistanceMatrixProvider {
  return {
    name: `haversine x${options.roadFactor}`,
    matrix: async (points) => haversineMatrix(points, options),
  };
}
