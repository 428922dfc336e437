import { appendTrusted, type DropWatch, type LevelEntry, type PendingJump } from './gate-state.js';
import type { QualityTuning } from './quality-tuning.js';
import type { BinQualityProfile, QualityCorrection, QualityVerdict } from './quality-types.js';
import { plausibleRisePct } from './rise-allowance.js';

/**
 * Spike detection on the fill level. A rise larger than the bin's history makes plausible is
 * marked `spike` and held as pending; later readings decide:
 *   - the level holds for `confirmReadings` more readings: a real step (a cart emptied into the
 *     bin), every pending reading is corrected to ok;
 *   - the level goes elsewhere: the jump stays a spike, with the reason updated.
 * Drops are accepted at once (collections happen any time), but a drop that is followed straight
 * away by a return to the old level was a glitch and is corrected to `spike`.
 */
export interface LevelState {
  trusted: LevelEntry[];
  pending: PendingJump | null;
  dropWatch: DropWatch | null;
}

export interface LevelJudgement {
  verdict: QualityVerdict;
  corrections: QualityCorrection[];
  state: LevelState;
}

interface Context {
  profile: BinQualityProfile;
  tuning: QualityTuning;
}

const pct = (value: number) => `${Math.round(value)}%`;

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);

  return minutes < 120 ? `${minutes} min` : `${(minutes / 60).toFixed(1)} h`;
}

/** An accepted level is ok, or low-battery when the battery needs attention. */
export function trustedVerdict(entry: LevelEntry, reason: string | null): QualityVerdict {
  if (entry.batteryNote === null) return { quality: 'ok', reason };

  return {
    quality: 'low-battery',
    reason: reason === null ? entry.batteryNote : `${entry.batteryNote}; ${reason}`,
  };
}

export function judgeLevel(state: LevelState, entry: LevelEntry, ctx: Context): LevelJudgement {
  return state.pending === null
    ? judgeAgainstReference(state, entry, ctx)
    : judgeWhilePending(state, state.pending, entry, ctx);
}

function judgeAgainstReference(state: LevelState, entry: LevelEntry, ctx: Context): LevelJudgement {
  const { profile, tuning } = ctx;
  const corrections: QualityCorrection[] = [];
  let trusted = state.trusted;

  if (state.dropWatch !== null) {
    const { before, drop } = state.dropWatch;
    const backUp =
      entry.fillPct >= before.fillPct - tuning.holdTolerancePct &&
      entry.fillPct - drop.fillPct > plausibleRisePct(drop.ts, entry.ts, trusted, profile, tuning);
    if (backUp) {
      corrections.push({
        id: drop.id,
        ts: drop.ts,
        quality: 'spike',
        reason:
          `dropped to ${pct(drop.fillPct)} and was back at ${pct(entry.fillPct)} ` +
          'at the next reading: a glitch, not a collection',
      });
      trusted = trusted.filter((e) => e.id !== drop.id);
    }
  }

  const reference = trusted.at(-1);
  const accepted = (dropWatch: DropWatch | null): LevelJudgement => ({
    verdict: trustedVerdict(entry, null),
    corrections,
    state: {
      trusted: appendTrusted(trusted, entry, tuning.maxTrustedEntries),
      pending: null,
      dropWatch,
    },
  });
  if (reference === undefined) return accepted(null);

  const rise = entry.fillPct - reference.fillPct;
  const allowed = plausibleRisePct(reference.ts, entry.ts, trusted, profile, tuning);
  if (rise > allowed) {
    return {
      verdict: {
        quality: 'spike',
        reason:
          `rose ${pct(rise)} in ${duration(entry.ts - reference.ts)} (at most ${pct(allowed)} ` +
          'is plausible for this bin): waiting for the next readings to confirm',
      },
      corrections,
      state: { trusted, pending: { members: [entry] }, dropWatch: null },
    };
  }

  return accepted(rise < -tuning.holdTolerancePct ? { before: reference, drop: entry } : null);
}

function judgeWhilePending(
  state: LevelState,
  pending: PendingJump,
  entry: LevelEntry,
  ctx: Context,
): LevelJudgement {
  const { profile, tuning } = ctx;
  const last = pending.members.at(-1)!;
  const holds =
    entry.fillPct >= last.fillPct - tuning.holdTolerancePct &&
    entry.fillPct - last.fillPct <=
      plausibleRisePct(last.ts, entry.ts, state.trusted, profile, tuning);

  if (holds) {
    const members = [...pending.members, entry];
    if (members.length <= tuning.confirmReadings) {
      return {
        verdict: {
          quality: 'spike',
          reason:
            `still at ${pct(entry.fillPct)}: ${members.length} of ` +
            `${tuning.confirmReadings + 1} readings needed to confirm the jump`,
        },
        corrections: [],
        state: { ...state, pending: { members } },
      };
    }

    const corrections = pending.members.map((m) => ({
      id: m.id,
      ts: m.ts,
      ...trustedVerdict(m, `jump to ${pct(m.fillPct)} confirmed by the readings after it`),
    }));
    const trusted = members.reduce<LevelEntry[]>(
      (list, m) => appendTrusted(list, m, tuning.maxTrustedEntries),
      state.trusted,
    );

    return {
      verdict: trustedVerdict(entry, `confirms the jump to ${pct(pending.members[0]!.fillPct)}`),
      corrections,
      state: { trusted, pending: null, dropWatch: null },
    };
  }

  const cleared = pending.members.map((m) => ({
    id: m.id,
    ts: m.ts,
    quality: 'spike' as const,
    reason: `jump to ${pct(m.fillPct)} not confirmed: the next reading was ${pct(entry.fillPct)}`,
  }));
  const fresh = judgeAgainstReference({ ...state, pending: null }, entry, ctx);

  return { ...fresh, corrections: [...cleared, ...fresh.corrections] };
}
