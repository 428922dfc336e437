import { classifySample } from './classify-sample.js';
import { EMPTY_GATE_STATE, type GateState } from './gate-state.js';
import { type QualityTuning, resolveTuning } from './quality-tuning.js';
import type { BinQualityProfile, QualityAssessment, QualitySample } from './quality-types.js';

/**
 * The reading-quality gate for all bins: keeps each bin's short memory in process and judges
 * every new reading against it. Feed each bin's readings in time order.
 *
 * An assessment may carry corrections for earlier readings of the same bin (a suspected spike
 * confirmed as a real step, or a drop found to be a glitch); the caller stores them over the
 * earlier verdicts, identified by the sample id it passed in.
 */
export class QualityGate {
  readonly tuning: Readonly<QualityTuning>;
  private readonly states = new Map<string, GateState>();

  constructor(tuning: Partial<QualityTuning> = {}) {
    this.tuning = resolveTuning(tuning);
  }

  assess(binId: string, profile: BinQualityProfile, sample: QualitySample): QualityAssessment {
    const current = this.states.get(binId) ?? EMPTY_GATE_STATE;
    const { state, assessment } = classifySample(current, sample, profile, this.tuning);
    this.states.set(binId, state);

    return assessment;
  }

  /**
   * Rebuilds a bin's memory from stored readings (oldest first), e.g. after a restart. The
   * verdicts are not returned: the stored ones stand.
   */
  replay(binId: string, profile: BinQualityProfile, samples: Iterable<QualitySample>): void {
    for (const sample of samples) this.assess(binId, profile, sample);
  }

  forget(binId: string): void {
    this.states.delete(binId);
  }

  /** The remembered state of a bin, for diagnostics. */
  stateOf(binId: string): GateState | undefined {
    return this.states.get(binId);
  }
}
