/**
 * What the gate remembers about one bin between readings. Plain data, replaced (never mutated)
 * on every reading, so a caller can keep, compare or throw away any version.
 */
export interface LevelEntry {
  id: string;
  ts: number;
  fillPct: number;
  /** Set when the reading's battery was low, so a later "ok" correction says low-battery. */
  batteryNote: string | null;
}

/** A jump the history made implausible, waiting for later readings to confirm or clear it. */
export interface PendingJump {
  /** Readings at the new level so far, oldest first; all currently marked `spike`. */
  members: LevelEntry[];
}

/** A drop just accepted as a collection; the next reading may show it was a glitch. */
export interface DropWatch {
  before: LevelEntry;
  drop: LevelEntry;
}

/** The current run of identical raw values. */
export interface IdenticalRun {
  value: number;
  firstTs: number;
  count: number;
  flagged: boolean;
}

export interface GateState {
  /** Recent readings whose level is trusted, oldest first; the last one is the reference. */
  trusted: LevelEntry[];
  pending: PendingJump | null;
  dropWatch: DropWatch | null;
  run: IdenticalRun | null;
  /** Newest measurement time seen, to spot readings that arrive out of order. */
  lastTs: number | null;
}

export const EMPTY_GATE_STATE: GateState = Object.freeze({
  trusted: [],
  pending: null,
  dropWatch: null,
  run: null,
  lastTs: null,
}) as GateState;

export function appendTrusted(
  trusted: readonly LevelEntry[],
  entry: LevelEntry,
  maxEntries: number,
): LevelEntry[] {
  // One exact-size copy: this runs for nearly every reading, and copying the list twice (spread,
  // then slice) doubled the gate's garbage.
  if (maxEntries < 1) return [];
  const keep = Math.min(trusted.length, maxEntries - 1);
  const from = trusted.length - keep;
  const next = new Array<LevelEntry>(keep + 1);
  for (let i = 0; i < keep; i++) next[i] = trusted[from + i]!;
  next[keep] = entry;

  return next;
}
