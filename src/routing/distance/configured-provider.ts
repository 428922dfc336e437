import type { Logger } from 'pino';
import type { Config } from '../../config/schema.js';
import { withFallback } from './fallback-provider.js';
import { haversineProvider } from './haversine-provider.js';
import { OsrmProvider } from './osrm-provider.js';
import type { DistanceMatrixProvider } from './travel-matrix.js';

/** The distance source the configuration names: OSRM when `routing.osrm.url` is set. */
export function configuredDistances(
  routing: Config['routing'],
  logger: Logger,
): DistanceMatrixProvider {
  const estimate = { roadFactor: routing.roadFactor, speedKmh: routing.speedKmh };
  const haversine = haversineProvider(estimate);
  if (!routing.osrm.url) return haversine;

  const osrm = new OsrmProvider({
    baseUrl: routing.osrm.url,
    profile: routing.osrm.profile,
    maxTableSize: routing.osrm.maxTableSize,
    timeoutMs: routing.osrm.timeoutMs,
    fallback: estimate,
  });

  return withFallback(osrm, haversine, (error) =>
    logger.warn({ err: error.message }, 'OSRM unavailable, planning on straight-line distances'),
  );
}
