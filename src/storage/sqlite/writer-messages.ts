import type { Reading } from '../../domain/reading.js';
import type { WriteResult } from '../telemetry-store.js';

/** Main thread -> writer thread: store this batch. */
export interface WriteRequest {
  id: number;
  readings: readonly Reading[];
}

/** Writer thread -> main thread: the batch is committed, or why it is not. */
export type WriteReply =
  | { id: number; ok: true; result: WriteResult }
  | { id: number; ok: false; message: string };
