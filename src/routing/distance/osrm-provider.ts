import type { GeoPoint } from '../../domain/registry.js';
import { type HaversineOptions, haversineMatrix } from './haversine-provider.js';
import type { DistanceMatrixProvider, TravelMatrix } from './travel-matrix.js';

export interface OsrmOptions {
  /** Base URL of an OSRM server, e.g. `http://osrm.dlh.local:5000`. */
  baseUrl: string;
  /** OSRM profile in the URL; `driving` on a server built with the car profile. */
  profile: string;
  /**
   * The server's `--max-table-size` (OSRM's default is 100): larger matrices are fetched
   * block by block, each with at most this many sources and destinations.
   */
  maxTableSize: number;
  timeoutMs: number;
  /** Used for pairs OSRM cannot route (a bin off the road graph): never leave a hole. */
  fallback: HaversineOptions;
}

/** An OSRM answer that was not a matrix: the server's own code and message. */
export class OsrmError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'OsrmError';
  }
}

interface TableAnswer {
  code?: unknown;
  message?: unknown;
  durations?: unknown;
  distances?: unknown;
}

type Cell = number | null;

function readRows(value: unknown, rows: number, cols: number, what: string): Cell[][] {
  const ok =
    Array.isArray(value) &&
    value.length === rows &&
    value.every(
      (row) =>
        Array.isArray(row) &&
        row.length === cols &&
        row.every((c) => c === null || (typeof c === 'number' && Number.isFinite(c) && c >= 0)),
    );
  if (!ok) throw new OsrmError(`OSRM table answer has no ${rows}x${cols} "${what}"`, 'BadAnswer');

  return value as Cell[][];
}

/** Index ranges [start, end) of at most `size` points each. */
function blocks(count: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < count; start += size) {
    out.push([start, Math.min(count, start + size)]);
  }

  return out;
}

/**
 * Road distances and driving times from an OSRM server's table service. OSRM returns
 * seconds and metres; pairs it cannot route fall back to the haversine estimate, so the
 * planner always gets a complete matrix.
 */
export class OsrmProvider implements DistanceMatrixProvider {
  readonly name: string;
  /** Pairs of the last matrix that OSRM could not route (filled by the fallback). */
  lastUnroutedPairs = 0;

  constructor(private readonly options: OsrmOptions) {
    if (!(options.maxTableSize >= 2)) throw new RangeError('maxTableSize must be >= 2');
    this.name = `osrm ${options.baseUrl}`;
  }

  async matrix(points: readonly GeoPoint[]): Promise<TravelMatrix> {
    const size = points.length;
    const distanceKm = new Float64Array(size * size);
    const durationMin = new Float64Array(size * size);
    const estimate = haversineMatrix(points, this.options.fallback);
    let unrouted = 0;

    const parts = blocks(size, this.options.maxTableSize);
    for (const [fromStart, fromEnd] of parts) {
      for (const [toStart, toEnd] of parts) {
        const answer = await this.table(points, fromStart, fromEnd, toStart, toEnd);
        for (let i = fromStart; i < fromEnd; i++) {
          for (let j = toStart; j < toEnd; j++) {
            if (i === j) continue;
            const at = i * size + j;
            const metres = answer.distances[i - fromStart]![j - toStart]!;
            const seconds = answer.durations[i - fromStart]![j - toStart]!;
            if (metres === null || seconds === null) {
              unrouted++;
              distanceKm[at] = estimate.distanceKm[at]!;
              durationMin[at] = estimate.durationMin[at]!;
              continue;
            }
            distanceKm[at] = metres / 1_000;
            durationMin[at] = seconds / 60;
          }
        }
      }
    }
    this.lastUnroutedPairs = unrouted;

    return { size, distanceKm, durationMin };
  }

  /** One table request: sources [fromStart, fromEnd) to destinations [toStart, toEnd). */
  private async table(
    points: readonly GeoPoint[],
    fromStart: number,
    fromEnd: number,
    toStart: number,
    toEnd: number,
  ): Promise<{ durations: Cell[][]; distances: Cell[][] }> {
    const same = fromStart === toStart;
    const picked = same
      ? points.slice(fromStart, fromEnd)
      : [...points.slice(fromStart, fromEnd), ...points.slice(toStart, toEnd)];
    const sources = Array.from({ length: fromEnd - fromStart }, (_, k) => k);
    const destinations = Array.from(
      { length: toEnd - toStart },
      (_, k) => k + (same ? 0 : sources.length),
    );
    const coordinates = picked.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const url =
      `${base}/table/v1/${encodeURIComponent(this.options.profile)}/${coordinates}` +
      `?annotations=duration,distance&sources=${sources.join(';')}` +
      `&destinations=${destinations.join(';')}`;

    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OsrmError(`OSRM at ${base} did not answer: ${reason}`, 'Unreachable');
    }

    let body: TableAnswer;
    try {
      body = (await response.json()) as TableAnswer;
    } catch {
      throw new OsrmError(`OSRM at ${base} answered ${response.status} without JSON`, 'BadAnswer');
    }
    if (!response.ok || body.code !== 'Ok') {
      const code = typeof body.code === 'string' ? body.code : `HTTP${response.status}`;
      const message = typeof body.message === 'string' ? body.message : 'no message';
      throw new OsrmError(`OSRM at ${base} refused the table request: ${code}: ${message}`, code);
    }

    return {
      durations: readRows(body.durations, sources.length, destinations.length, 'durations'),
      distances: readRows(body.distances, sources.length, destinations.length, 'distances'),
    };
  }
}
