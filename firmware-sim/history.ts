import type { Device } from '../src/domain/registry.js';
import type { NativePayload } from '../src/ingest/native-payload.js';
import { BinSimulation } from './bin-simulation.js';
import { MinHeap } from './min-heap.js';
import { type CollectionEvent, collectionsBetween } from './pickup-cadence.js';
import { hashString, unitHash } from './random.js';
import type { TimestampFormat } from './sensor-readout.js';
import type { AnomalyRates, GenerationEvent, SimBin } from './sim-types.js';

export interface HistoryOptions {
  bins: readonly SimBin[];
  /** Devices mounted on the bins; bins without an enabled device produce nothing. */
  devices: readonly Pick<Device, 'id' | 'binId' | 'enabled'>[];
  /** Period [from, to), epoch ms. */
  from: number;
  to: number;
  seed: number;
  /**
   * Who empties the bins: the land-use pick-up cadence (default), nobody, or an explicit list
   * (for example the collections a test wants analytics to find).
   */
  collections?: 'cadence' | 'none' | readonly CollectionEvent[];
  events?: readonly GenerationEvent[];
  anomalies?: AnomalyRates;
  /** Default 'epoch-ms' (cheapest to write and to parse). */
  timestamp?: TimestampFormat;
  /** First sequence number of every device; default 0. */
  seqStart?: number;
}

export interface HistoryReading {
  deviceId: string;
  binId: string;
  /** Measurement time, epoch ms. */
  ts: number;
  payload: NativePayload;
}

interface Cursor {
  sim: BinSimulation;
  nextMs: number;
  intervalMs: number;
  seq: number;
  collections: readonly number[];
  nextCollection: number;
}

const SALT_REPORT_PHASE = 41;

/**
 * Simulated readings of every device in [from, to), merged in time order, each device at its
 * bin's report interval from a seeded phase (sensors do not wake in lockstep). Lazy: two weeks of
 * a large fleet stream through without being held in memory.
 */
export function* generateHistory(options: HistoryOptions): Generator<HistoryReading> {
  const timestamp = options.timestamp ?? 'epoch-ms';
  const heap = new MinHeap<Cursor>((cursor) => cursor.nextMs);
  for (const cursor of buildCursors(options)) {
    if (cursor.nextMs < options.to) heap.push(cursor);
  }

  for (;;) {
    const cursor = heap.peek();
    if (cursor === undefined) return;

    const ts = cursor.nextMs;
    while (
      cursor.nextCollection < cursor.collections.length &&
      cursor.collections[cursor.nextCollection]! <= ts
    ) {
      cursor.sim.empty(cursor.collections[cursor.nextCollection]!);
      cursor.nextCollection++;
    }

    const payload = cursor.sim.reading(ts, cursor.seq, timestamp);
    yield { deviceId: cursor.sim.deviceId, binId: cursor.sim.bin.id, ts, payload };

    cursor.seq++;
    cursor.nextMs += cursor.intervalMs;
    if (cursor.nextMs < options.to) heap.topKeyIncreased();
    else heap.pop();
  }
}

function buildCursors(options: HistoryOptions): Cursor[] {
  const binsById = new Map(options.bins.map((bin) => [bin.id, bin]));
  const explicit = Array.isArray(options.collections) ? groupByBin(options.collections) : null;
  const collectionsFor = (bin: SimBin): readonly number[] => {
    if (explicit) return explicit.get(bin.id) ?? [];
    if (options.collections === 'none') return [];

    return collectionsBetween(bin, options.from, options.to, options.seed);
  };
  const cursors: Cursor[] = [];

  for (const device of options.devices) {
    const bin = binsById.get(device.binId);
    if (!device.enabled || bin === undefined) continue;

    const intervalMs = bin.reportIntervalS * 1000;
    const phase = unitHash(options.seed, hashString(device.id), SALT_REPORT_PHASE);
    const sim = new BinSimulation(bin, device.id, {
      seed: options.seed,
      originMs: options.from,
      events: options.events ?? [],
      anomalies: options.anomalies ?? {},
    });
    const collections = collectionsFor(bin);

    cursors.push({
      sim,
      nextMs: options.from + Math.floor(phase * intervalMs),
      intervalMs,
      seq: options.seqStart ?? 0,
      collections,
      nextCollection: 0,
    });
  }

  return cursors;
}

function groupByBin(events: readonly CollectionEvent[]): Map<string, number[]> {
  const byBin = new Map<string, number[]>();
  for (const event of events) {
    const list = byBin.get(event.binId) ?? [];
    list.push(event.ts);
    byBin.set(event.binId, list);
  }
  for (const list of byBin.values()) list.sort((a, b) => a - b);

  return byBin;
}
