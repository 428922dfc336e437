import { DAY_TO_DAY_NOISE, dailyFillFraction, hourShares, weekendFactor } from './fill-profiles.js';
import { hashString, unitHash } from './random.js';
import type { GenerationEvent, SimBin } from './sim-types.js';
import { HOUR_MS, isWeekendDay, wibDayIndex, wibDayStartMs } from './wib-time.js';

export interface FillModelOptions {
  seed: number;
  /** Fill when the model starts; default: a seeded value between 0 and 50 %. */
  initialFillFraction?: number;
  events?: readonly GenerationEvent[];
}

export interface FillSnapshot {
  atMs: number;
  /** Share of the usable depth filled, 0..1. */
  fillFraction: number;
  /** Waste that arrived after the bin was full and now lies around it, litres. */
  overflowL: number;
  lastEmptiedMs: number | null;
}

// Salts keep the hash streams of different facts about one bin independent.
const SALT_DAY_NOISE = 1;
const SALT_INITIAL_FILL = 2;
const SALT_RESIDUE = 3;

/**
 * The waste in one bin over time. Intake is a deterministic rate (land use, kind, hour, weekday,
 * day noise, events) integrated exactly between any two instants, so the state at a time does
 * not depend on how often it was sampled: the history backfill and the live fleet, sampling
 * differently, agree on every bin. Intake is never negative, which keeps the 100 % cap
 * sampling-independent too.
 */
export class BinFillModel {
  private fraction: number;
  private atMs: number;
  private overflowL = 0;
  private lastEmptiedMs: number | null = null;

  private readonly binHash: number;
  private readonly seed: number;
  private readonly dailyFraction: number;
  private readonly shares: Float64Array;
  private readonly weekend: number;
  private readonly events: readonly GenerationEvent[];

  private cachedDay = Number.NaN;
  private cachedDayFraction = 0;

  constructor(
    private readonly bin: SimBin,
    startMs: number,
    options: FillModelOptions,
  ) {
    this.seed = options.seed;
    this.binHash = hashString(bin.id);
    this.dailyFraction = dailyFillFraction(bin.landUse, bin.kind, bin.volumeL);
    this.shares = hourShares(bin.landUse);
    this.weekend = weekendFactor(bin.landUse);
    this.events = (options.events ?? []).filter((event) => appliesTo(event, bin));
    this.atMs = startMs;
    this.fraction =
      options.initialFillFraction ?? 0.5 * unitHash(this.seed, this.binHash, SALT_INITIAL_FILL);
  }

  /** True when waste arrived after the bin was full (it lies around the bin). */
  get overflowing(): boolean {
    return this.overflowL > 0;
  }

  /** Share of the usable depth filled, 0..1. */
  get fillFraction(): number {
    return this.fraction;
  }

  get fillPct(): number {
    return this.fraction * 100;
  }

  snapshot(): FillSnapshot {
    return {
      atMs: this.atMs,
      fillFraction: this.fraction,
      overflowL: this.overflowL,
      lastEmptiedMs: this.lastEmptiedMs,
    };
  }

  /** Adds the intake up to `ms`; earlier times are ignored (the model never runs backwards). */
  advanceTo(ms: number): void {
    if (ms <= this.atMs) return;

    const total = this.fraction + this.intakeBetween(this.atMs, ms);
    if (total > 1) {
      this.overflowL += (total - 1) * this.bin.volumeL;
      this.fraction = 1;
    } else {
      this.fraction = total;
    }
    this.atMs = ms;
  }

  /** A collection at `ms`: the crew takes everything but a little residue (a skip is swapped). */
  empty(ms: number): void {
    this.advanceTo(ms);

    const residue =
      this.bin.kind === 'armroll-skip-6m3'
        ? 0
        : 0.03 * unitHash(this.seed, this.binHash, SALT_RESIDUE, Math.floor(ms / 60_000));
    this.fraction = residue;
    this.overflowL = 0;
    this.lastEmptiedMs = Math.max(ms, this.atMs);
  }

  /** Intake in [fromMs, toMs) as a fraction of the container, walking local hour boundaries. */
  private intakeBetween(fromMs: number, toMs: number): number {
    let added = 0;
    let t = fromMs;
    while (t < toMs) {
      const day = wibDayIndex(t);
      const dayStart = wibDayStartMs(day);
      const hour = Math.floor((t - dayStart) / HOUR_MS);
      const end = Math.min(toMs, dayStart + (hour + 1) * HOUR_MS);
      const perHour = this.dayFraction(day) * this.shares[hour]!;
      added += ((perHour * (end - t)) / HOUR_MS) * this.eventFactor(t);
      t = end;
    }

    return added;
  }

  /** The day's intake: mean rate x weekend effect x seeded day-to-day noise. */
  private dayFraction(day: number): number {
    if (day !== this.cachedDay) {
      const noise =
        1 + DAY_TO_DAY_NOISE * (2 * unitHash(this.seed, this.binHash, SALT_DAY_NOISE, day) - 1);
      this.cachedDay = day;
      this.cachedDayFraction = this.dailyFraction * noise * (isWeekendDay(day) ? this.weekend : 1);
    }

    return this.cachedDayFraction;
  }

  private eventFactor(ms: number): number {
    let factor = 1;
    for (const event of this.events) {
      if (ms >= event.fromMs && ms < event.toMs) factor *= event.factor;
    }

    return factor;
  }
}

function appliesTo(event: GenerationEvent, bin: SimBin): boolean {
  if (event.areaIds && event.areaIds.length > 0 && !event.areaIds.includes(bin.areaId)) {
    return false;
  }

  return !event.landUses || event.landUses.length === 0 || event.landUses.includes(bin.landUse);
}
