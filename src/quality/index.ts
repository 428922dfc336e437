/** The reading-quality gate: see docs/lorawan.md, "Reading quality". */
export { fillPctFromDistance, qualityProfileForBin } from './bin-profile.js';
export { type ClassifyResult, classifySample } from './classify-sample.js';
export { EMPTY_GATE_STATE, type GateState } from './gate-state.js';
export { QualityGate } from './quality-gate.js';
export { DEFAULT_QUALITY_TUNING, type QualityTuning, resolveTuning } from './quality-tuning.js';
export type {
  BinQualityProfile,
  QualityAssessment,
  QualityCorrection,
  QualitySample,
  QualityVerdict,
} from './quality-types.js';
export { assessSingleReading } from './single-reading.js';
export { levelIsTrusted, QUALITY_TRUSTS_LEVEL } from './trust.js';
