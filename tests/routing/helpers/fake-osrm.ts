import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { haversineKm } from '../../../src/routing/distance/haversine.js';

/**
 * FAKE OSRM, named as such: OSRM needs a road graph and cannot run on these machines. This
 * small HTTP server answers `/table/v1/{profile}/{coords}` the way OSRM v5 does, either
 * with a recorded-shape answer from tests/fixtures/osrm/ or with distances computed from the
 * coordinates, and enforces OSRM's `--max-table-size` rule on sources x destinations.
 */
export interface FakeOsrm {
  url: string;
  /** Every table request received: the number of sources and destinations it asked for. */
  requests: { sources: number; destinations: number; coordinates: number }[];
  close: () => Promise<void>;
}

export const RECORDED_TABLE = JSON.parse(
  readFileSync(new URL('../../fixtures/osrm/table-serang-4.json', import.meta.url), 'utf8'),
) as { durations: (number | null)[][]; distances: (number | null)[][] };

/** Road metres the computed mode answers: 1.4 x straight line, rounded like OSRM does. */
export function computedMetres(a: [number, number], b: [number, number]): number {
  const km = haversineKm({ lon: a[0], lat: a[1] }, { lon: b[0], lat: b[1] });

  return Math.round(km * 1_400 * 10) / 10;
}

function indexList(value: string | null, count: number): number[] {
  if (value === null || value === 'all') return Array.from({ length: count }, (_, k) => k);

  return value.split(';').map(Number);
}

export async function startFakeOsrm(options: {
  mode: 'recorded' | 'computed';
  maxTableSize?: number;
}): Promise<FakeOsrm> {
  const requests: FakeOsrm['requests'] = [];
  const max = options.maxTableSize ?? 100;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-osrm');
    const match = /^\/table\/v1\/([\w-]+)\/(.+)$/.exec(url.pathname);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(400, { code: 'InvalidUrl', message: 'URL string malformed' });

    const coords = decodeURIComponent(match[2]!)
      .split(';')
      .map((pair) => pair.split(',').map(Number) as [number, number]);
    const sources = indexList(url.searchParams.get('sources'), coords.length);
    const destinations = indexList(url.searchParams.get('destinations'), coords.length);
    requests.push({
      sources: sources.length,
      destinations: destinations.length,
      coordinates: coords.length,
    });
    if (sources.length * destinations.length > max * max) {
      return send(400, { code: 'TooBig', message: 'Too many table coordinates' });
    }
    if (url.searchParams.get('annotations') !== 'duration,distance') {
      return send(400, { code: 'InvalidOptions', message: 'annotations must be asked for' });
    }

    if (options.mode === 'recorded') return send(200, { code: 'Ok', ...RECORDED_TABLE });

    const distances = sources.map((s) =>
      destinations.map((d) => computedMetres(coords[s]!, coords[d]!)),
    );
    const durations = distances.map((row) => row.map((m) => Math.round(m / 10)));

    return send(200, { code: 'Ok', distances, durations });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
