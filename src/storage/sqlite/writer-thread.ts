import type { Worker } from 'node:worker_threads';
import type { Reading } from '../../domain/reading.js';
import { startWorker } from '../../shared/start-worker.js';
import type { QualityFix, WriteResult } from '../telemetry-store.js';
import { packReadings } from './reading-rows.js';
import type { WriterReply, WriterRequest, WriterResults } from './writer-messages.js';

type Result = WriterResults[keyof WriterResults];

interface Pending {
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

/**
 * The main thread's handle on the writer thread: one promise per batch, settled when the batch
 * is committed. If the thread dies, every waiting and later write fails with the reason, so
 * no caller acknowledges a reading that was not stored.
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(file: string) {
    this.worker = startWorker(import.meta.url, 'sqlite-writer-worker', { workerData: { file } });
    // An idle writer must not keep the process alive; a busy one must.
    this.worker.unref();

    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        this.fail(new Error(`telemetry writer thread exited (code ${code})`));
        resolve();
      });
    });
  }

  /** Why the writer cannot write any more, or null while it can. */
  get error(): Error | null {
    return this.failure;
  }

  write(readings: readonly Reading[]): Promise<WriteResult> {
    const packed = packReadings(readings);

    return this.send({ id: this.nextId++, kind: 'write', packed }) as Promise<WriteResult>;
  }

  correct(fixes: readonly QualityFix[]): Promise<number> {
    return this.send({ id: this.nextId++, kind: 'correct', fixes }) as Promise<number>;
  }

  private send(request: WriterRequest): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);

    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  /** Lets queued batches finish, then closes the file and ends the thread. */
  async close(): Promise<void> {
    if (!this.failure) {
      this.worker.ref();
      this.worker.postMessage('close');
    }
    await this.exited;
  }

  private settle(reply: WriterReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;

    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new Error(`telemetry batch not stored: ${reply.message}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }
}
