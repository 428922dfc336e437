/**
 * Writer thread of the embedded store. Committing a batch (SQL work plus the fsync) takes
 * milliseconds; doing it here keeps the broker and the API serving meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createBatchWriter, createQualityCorrector } from './batch-writer.js';
import { openTelemetryDb } from './open-telemetry-db.js';
import type { WriterReply, WriterRequest } from './writer-messages.js';

const { file } = workerData as { file: string };
const db = openTelemetryDb(file);
const writeBatch = createBatchWriter(db);
const correctQuality = createQualityCorrector(db);

parentPort?.on('message', (request: WriterRequest | 'close') => {
  if (request === 'close') {
    db.close();
    parentPort?.close();
    return;
  }

  let reply: WriterReply;
  try {
    const result =
      request.kind === 'write' ? writeBatch(request.packed) : correctQuality(request.fixes);
    reply = { id: request.id, ok: true, result };
  } catch (err) {
    reply = { id: request.id, ok: false, message: (err as Error).message };
  }
  parentPort?.postMessage(reply);
});
