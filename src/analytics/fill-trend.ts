import type { Reading } from '../domain/reading.js';
import { levelIsTrusted } from '../quality/trust.js';

/**
 * A drop of at least this many points to at most EMPTY_BELOW_PCT between two trustworthy
 * readings is an emptying: sensors see a truck lift a bin as one sharp fall.
 */
export const EMPTYING_DROP_PCT = 25;
export const EMPTY_BELOW_PCT = 35;
const HOUR_MS = 3_600_000;

export interface TrendState {
  binId: string;
  fillPct: number;
  ts: number;
  /** Fill rate over the rising segment since the last emptying, % per hour; null if unknown. */
  ratePctPerHour: number | null;
  segmentStart: number;
  lastEmptiedAt: number | null;
}

export interface Emptying {
  binId: string;
  ts: number;
  fillBeforePct: number;
  fillAfterPct: number;
}

/**
 * Least-squares fill rate over the current rising segment, kept as running sums so each
 * reading costs O(1): the fleet's trends stay current without re-reading history.
 */
class Segment {
  n = 0;
  sumT = 0;
  sumF = 0;
  sumTT = 0;
  sumTF = 0;

  constructor(readonly start: number) {}

  add(ts: number, fillPct: number): void {
    const t = (ts - this.start) / HOUR_MS;
    this.n++;
    this.sumT += t;
    this.sumF += fillPct;
    this.sumTT += t * t;
    this.sumTF += t * fillPct;
  }

  /** Needs a few points over at least an hour before it says anything. */
  slope(spanHours: number): number | null {
    if (this.n < 3 || spanHours < 1) return null;
    const denominator = this.n * this.sumTT - this.sumT * this.sumT;
    if (denominator <= 0) return null;

    return (this.n * this.sumTF - this.sumT * this.sumF) / denominator;
  }
}

interface BinTrack {
  last: { ts: number; fillPct: number } | null;
  segment: Segment;
  lastEmptiedAt: number | null;
}

export class FillTrends {
  private readonly bins = new Map<string, BinTrack>();

  /** Feeds one reading (oldest first per bin); returns the emptying it reveals, if any. */
  update(reading: Reading): Emptying | null {
    // Suspect readings neither move the trend nor count as a collection.
    if (!levelIsTrusted(reading.quality)) return null;

    let track = this.bins.get(reading.binId);
    if (!track) {
      track = { last: null, segment: new Segment(reading.ts), lastEmptiedAt: null };
      this.bins.set(reading.binId, track);
    }
    if (track.last && reading.ts <= track.last.ts) return null;

    let emptying: Emptying | null = null;
    const previous = track.last;
    if (
      previous &&
      previous.fillPct - reading.fillPct >= EMPTYING_DROP_PCT &&
      reading.fillPct <= EMPTY_BELOW_PCT
    ) {
      emptying = {
        binId: reading.binId,
        ts: reading.ts,
        fillBeforePct: previous.fillPct,
        fillAfterPct: reading.fillPct,
      };
      track.segment = new Segment(reading.ts);
      track.lastEmptiedAt = reading.ts;
    }

    track.segment.add(reading.ts, reading.fillPct);
    track.last = { ts: reading.ts, fillPct: reading.fillPct };

    return emptying;
  }

  state(binId: string): TrendState | null {
    const track = this.bins.get(binId);
    if (!track?.last) return null;

    const spanHours = (track.last.ts - track.segment.start) / HOUR_MS;
    const slope = track.segment.slope(spanHours);

    return {
      binId,
      fillPct: track.last.fillPct,
      ts: track.last.ts,
      ratePctPerHour: slope === null ? null : Math.max(0, slope),
      segmentStart: track.segment.start,
      lastEmptiedAt: track.lastEmptiedAt,
    };
  }
}

/** Epoch ms at which the bin reaches `targetPct` at its current rate; null if never. */
export function predictReach(state: TrendState, targetPct: number): number | null {
  if (state.fillPct >= targetPct) return state.ts;
  if (!state.ratePctPerHour || state.ratePctPerHour <= 0.01) return null;

  return state.ts + ((targetPct - state.fillPct) / state.ratePctPerHour) * HOUR_MS;
}
