import type { GeoPoint } from '../../domain/registry.js';
import type { DistanceMatrixProvider, TravelMatrix } from './travel-matrix.js';

/**
 * Asks `primary` (OSRM) and, when it fails, `fallback` (haversine): a morning plan made on
 * estimated distances is better than no plan because the road server is down.
 */
export function withFallback(
  primary: DistanceMatrixProvider,
  fallback: DistanceMatrixProvider,
  onFallback: (error: Error) => void,
): DistanceMatrixProvider {
  return {
    name: `${primary.name}, else ${fallback.name}`,
    async matrix(points: readonly GeoPoint[]): Promise<TravelMatrix> {
      try {
        return await primary.matrix(points);
      } catch (error) {
        onFallback(error instanceof Error ? error : new Error(String(error)));

        return fallback.matrix(points);
      }
    },
  };
}
