import type { QualityFix, WriteResult } from '../telemetry-store.js';
import type { PackedValue } from './reading-rows.js';

/**
 * Main thread -> writer thread: store a batch (packed rows, see packReadings), or correct
 * stored quality verdicts.
 */
export type WriterRequest =
  | { id: number; kind: 'write'; packed: readonly PackedValue[] }
  | { id: number; kind: 'correct'; fixes: readonly QualityFix[] };

/** What each request kind answers with. */
export interface WriterResults {
  write: WriteResult;
  correct: number;
}

/** Writer thread -> main thread: the transaction is committed, or why it is not. */
export type WriterReply =
  | { id: number; ok: true; result: WriterResults[keyof WriterResults] }
  | { id: number; ok: false; message: string };
