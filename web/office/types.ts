import type { Bin } from '../../src/domain/registry.js';

/** The API's JSON as the dashboard reads it (see /docs for the full schemas). */

export interface BinState {
  fillPct: number | null;
  quality: string | null;
  lastReadingAt: string | null;
  batteryPct: number | null;
  temperatureC: number | null;
  tiltDeg: number | null;
  ratePctPerHour: number | null;
  predictedFullAt: string | null;
  lastEmptiedAt: string | null;
}

export interface BinWithState extends Bin {
  areaName: string;
  state: BinState;
}

export interface Collection {
  id: number;
  binId: string;
  ts: number;
  source: 'sensor' | 'crew';
  status: 'collected' | 'not-collected';
  reason: string | null;
  crewId: string | null;
}

export interface Alert {
  id: number;
  binId: string;
  deviceId: string | null;
  kind: string;
  severity: string;
  status: 'open' | 'acknowledged' | 'resolved';
  message: string;
  value: number | null;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
}

export interface BinDetail extends BinWithState {
  devices: { id: string; model: string; enabled: boolean }[];
  collections: Collection[];
  alerts: Alert[];
}

export interface RawReading {
  ts: string;
  fillPct: number;
  quality: string;
  qualityReason: string | null;
}
