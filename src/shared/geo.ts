import type { GeoPoint } from '../domain/registry.js';

const EARTH_RADIUS_KM = 6_371.0088;

export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;

  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A point `distanceKm` away from `origin` in direction `bearingRad` (flat-earth, small d). */
export function offsetKm(origin: GeoPoint, distanceKm: number, bearingRad: number): GeoPoint {
  const dLat = (distanceKm * Math.cos(bearingRad)) / 111.32;
  const dLon =
    (distanceKm * Math.sin(bearingRad)) / (111.32 * Math.cos((origin.lat * Math.PI) / 180));

  return { lat: origin.lat + dLat, lon: origin.lon + dLon };
}

export function googleMapsLink(point: GeoPoint): string {
  const destination = `${point.lat.toFixed(6)},${point.lon.toFixed(6)}`;

  return `https://www.google.com/maps/dir/?api=1&destination=${destination}`;
}
