import type { Logger } from 'pino';
import { InterruptibleSleep, retryDelayMs } from './backoff.js';
import { type DurableSpool, type SpoolEntry, SpoolFullError } from './durable-spool.js';
import type { InfluxHttp, ResolvedWriteApi } from './influx-http.js';
import type { InfluxMetrics } from './influx-metrics.js';
import type { ResolvedInfluxOptions } from './influx-options.js';
import type { InfluxStoreEvent } from './store-events.js';
import { classifyWriteError, type WriteOutcome } from './write-outcome.js';

/** What became of one submitted batch once it is durable somewhere. */
export interface SubmitResult {
  /** Points the server refused as invalid; they are in the quarantine. */
  rejectedPoints: number;
}

/**
 * direct: batches go to InfluxDB; spooling: InfluxDB failed, batches go to the spool while the
 * replay loop drains it oldest first; paused: InfluxDB refused us (auth, unknown database), so
 * batches are spooled and nothing is retried until the process restarts with a fix.
 */
export type WriterMode = 'direct' | 'spooling' | 'paused';

interface PendingPart {
  body: string;
  points: number;
  bytes: number;
  resolve: (result: SubmitResult) => void;
  reject: (err: Error) => void;
}

/**
 * Gets line protocol into InfluxDB without losing any of it. Batches submitted while a request
 * is in flight are merged into the next one (by count and bytes, optionally held for
 * flushIntervalMs). A failing request is retried in line with backoff until the write deadline,
 * then its batches are spooled durably and replayed in order; submit() settles only when a
 * batch is written, spooled or quarantined.
 */
export class InfluxWriter {
  private readonly queue: PendingPart[] = [];

  private queuedPoints = 0;

  private pumping: Promise<void> | null = null;

  private replaying: Promise<void> | null = null;

  private flushTimer: NodeJS.Timeout | null = null;

  private modeNow: WriterMode;

  private closing = false;

  private api: ResolvedWriteApi | null = null;

  private lastErrorText: string | null = null;

  private nearLimitWarned = false;

  private spoolRefusing = false;

  private readonly retrySleep = new InterruptibleSleep();

  private readonly replaySleep = new InterruptibleSleep();

  constructor(
    private readonly http: InfluxHttp,
    private readonly spool: DurableSpool,
    private readonly metrics: InfluxMetrics,
    private readonly opts: ResolvedInfluxOptions,
    private readonly log: Logger | undefined,
    private readonly emit: (event: InfluxStoreEvent) => void,
  ) {
    this.modeNow = spool.stats().entries > 0 ? 'spooling' : 'direct';
    if (this.modeNow === 'spooling') {
      this.log?.info({ spool: spool.stats() }, 'influx spool holds data from a previous run');
      this.startReplay();
    }
  }

  get mode(): WriterMode {
    return this.modeNow;
  }

  get lastError(): string | null {
    return this.lastErrorText;
  }

  /** True from a batch refused for a full spool until the spool takes a batch again. */
  get spoolFull(): boolean {
    return this.spoolRefusing;
  }

  submit(lines: readonly string[]): Promise<SubmitResult> {
    if (this.closing) return Promise.reject(new Error('influx telemetry store is closed'));
    if (lines.length === 0) return Promise.resolve({ rejectedPoints: 0 });

    return new Promise((resolve, reject) => {
      const body = lines.join('\n');
      const bytes = Buffer.byteLength(body);
      this.queue.push({ body, points: lines.length, bytes, resolve, reject });
      this.queuedPoints += lines.length;
      this.schedulePump();
    });
  }

  /** Sends or spools everything queued, then stops the replay loop; the spool stays on disk. */
  async close(): Promise<void> {
    this.closing = true;
    this.retrySleep.wake();
    this.replaySleep.wake();
    this.startPump();

    await this.pumping;
    await this.replaying;
  }

  private schedulePump(): void {
    if (this.pumping) return;

    const waitForMore =
      this.opts.flushIntervalMs > 0 && this.queuedPoints < this.opts.batchSize && !this.closing;
    if (!waitForMore) {
      this.startPump();
      return;
    }

    this.flushTimer ??= setTimeout(() => this.startPump(), this.opts.flushIntervalMs);
  }

  private startPump(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pumping || this.queue.length === 0) return;

    this.pumping = this.pump()
      .catch((err: unknown) => this.log?.error({ err }, 'influx write loop failed'))
      .finally(() => {
        this.pumping = null;
        if (this.queue.length > 0) this.schedulePump();
      });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const parts = this.takeBatch();
      try {
        await this.deliver(parts);
      } catch (err) {
        // Anything unexpected (a disk error in the spool) must reach the callers, not hang them.
        for (const part of parts) part.reject(err as Error);
      }
    }
  }

  private takeBatch(): PendingPart[] {
    const parts: PendingPart[] = [];
    let points = 0;
    let bytes = 0;

    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      const fits =
        points + next.points <= this.opts.batchSize &&
        bytes + next.bytes <= this.opts.maxBatchBytes;
      if (parts.length > 0 && !fits) break;

      parts.push(this.queue.shift()!);
      points += next.points;
      bytes += next.bytes;
    }
    this.queuedPoints -= points;

    return parts;
  }

  private async deliver(parts: PendingPart[]): Promise<void> {
    if (this.modeNow !== 'direct') {
      this.spoolParts(parts);
      return;
    }

    const points = sumPoints(parts);
    const outcome = await this.sendWithRetries(parts.map((p) => p.body).join('\n'));

    switch (outcome.kind) {
      case 'written':
        this.metrics.pointsWritten.inc(points);
        for (const part of parts) part.resolve({ rejectedPoints: 0 });
        return;

      case 'rejected':
        if (parts.length > 1) {
          // Find the offending batch so the others are not blamed: deliver them one by one.
          for (const part of parts) await this.deliver([part]);
          return;
        }
        parts[0]!.resolve({ rejectedPoints: this.quarantine(parts[0]!, outcome) });
        return;

      case 'retry':
        this.spoolParts(parts);
        this.enterSpooling(outcome.error);
        return;

      case 'refused':
        this.spoolParts(parts);
        this.pause(outcome);
        return;
    }
  }

  private async sendWithRetries(body: string): Promise<WriteOutcome> {
    const startedMs = Date.now();

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.sendOnce(body);
      if (outcome.kind !== 'retry' || this.closing) return outcome;

      const delayMs = retryDelayMs(attempt, outcome.retryAfterMs, this.opts);
      if (Date.now() - startedMs + delayMs > this.opts.writeDeadlineMs) return outcome;

      this.metrics.retries.inc();
      this.log?.debug({ attempt, delayMs, error: outcome.error }, 'influx write retry');
      await this.retrySleep.sleep(delayMs);
    }
  }

  private async sendOnce(body: string): Promise<WriteOutcome> {
    if (this.api === null) {
      try {
        this.api = await this.http.resolveWriteApi();
        this.log?.info({ writeApi: this.api }, 'influx write endpoint chosen');
      } catch (err) {
        return classifyWriteError(err);
      }
    }

    const stopTimer = this.metrics.writeDuration.startTimer();
    const outcome = await this.http.write(body, this.api);
    stopTimer({ outcome: outcome.kind });
    if (outcome.kind !== 'written') this.lastErrorText = outcome.error;

    return outcome;
  }

  /** Appends parts to the spool and settles them; a full spool rejects them instead. */
  private spoolParts(parts: PendingPart[]): void {
    try {
      this.spool.append(parts);
    } catch (err) {
      if (err instanceof SpoolFullError) {
        this.spoolRefusing = true;
        this.emit({ type: 'spool-full', spoolBytes: err.spoolBytes, limitBytes: err.limitBytes });
        this.log?.error({ spoolBytes: err.spoolBytes }, 'influx spool full, refusing readings');
      }
      for (const part of parts) part.reject(err as Error);
      return;
    }

    this.spoolRefusing = false;
    this.metrics.pointsSpooled.inc(sumPoints(parts));
    this.checkSpoolBound();
    for (const part of parts) part.resolve({ rejectedPoints: 0 });
  }

  private quarantine(
    batch: { body: string; points: number; spooled?: SpoolEntry },
    outcome: Extract<WriteOutcome, { kind: 'rejected' }>,
  ): number {
    const rejected = Math.min(batch.points, outcome.droppedPoints ?? batch.points);
    this.spool.quarantine(batch, outcome.status, outcome.error);
    this.metrics.pointsRejected.inc(rejected);
    this.metrics.pointsWritten.inc(batch.points - rejected);
    this.emit({
      type: 'batch-rejected',
      status: outcome.status,
      points: rejected,
      message: outcome.error,
    });
    this.log?.warn(
      { status: outcome.status, points: batch.points, rejected, error: outcome.error },
      'influx rejected a batch, quarantined',
    );

    return rejected;
  }

  private enterSpooling(error: string): void {
    if (this.modeNow !== 'direct') return;

    this.modeNow = 'spooling';
    this.emit({ type: 'server-down', error });
    this.log?.warn({ error }, 'influx unreachable, spooling readings');
    this.startReplay();
  }

  private pause(outcome: Extract<WriteOutcome, { kind: 'refused' }>): void {
    this.modeNow = 'paused';
    this.emit({ type: 'writes-paused', status: outcome.status, message: outcome.error });
    this.log?.error(
      { status: outcome.status, error: outcome.error },
      'influx refused our writes; readings are spooled until the configuration is fixed',
    );
  }

  private startReplay(): void {
    if (this.replaying) return;

    this.replaying = this.replay()
      .catch((err: unknown) => this.log?.error({ err }, 'influx spool replay failed'))
      .finally(() => {
        this.replaying = null;
      });
  }

  private async replay(): Promise<void> {
    let failures = 0;
    let replayedPoints = 0;

    while (!this.closing && this.modeNow === 'spooling') {
      const entries = this.spool.head(this.opts.batchSize, this.opts.maxBatchBytes);
      if (entries.length === 0) {
        this.modeNow = 'direct';
        this.emit({ type: 'server-up', replayedPoints });
        this.log?.info({ replayedPoints }, 'influx spool drained, writing directly again');
        return;
      }

      const outcome = await this.replayEntries(entries);
      if (outcome === null) {
        replayedPoints += entries.reduce((sum, e) => sum + e.points, 0);
        failures = 0;
        continue;
      }
      if (outcome.kind === 'refused') {
        this.pause(outcome);
        return;
      }

      failures++;
      this.metrics.retries.inc();
      const retryAfterMs = outcome.kind === 'retry' ? outcome.retryAfterMs : null;
      await this.replaySleep.sleep(retryDelayMs(failures, retryAfterMs, this.opts));
    }
  }

  /** null when the entries left the spool (written or quarantined), else the failure. */
  private async replayEntries(entries: SpoolEntry[]): Promise<WriteOutcome | null> {
    const outcome = await this.sendOnce(entries.map((e) => e.body).join('\n'));

    if (outcome.kind === 'written') {
      this.spool.remove(entries);
      this.spoolRefusing = false;
      this.metrics.pointsWritten.inc(entries.reduce((sum, e) => sum + e.points, 0));
      this.checkSpoolBound();
      return null;
    }
    if (outcome.kind !== 'rejected') return outcome;

    if (entries.length === 1) {
      this.quarantine({ ...entries[0]!, spooled: entries[0]! }, outcome);
      return null;
    }
    for (const entry of entries) {
      const single = await this.replayEntries([entry]);
      if (single !== null) return single;
    }

    return null;
  }

  private checkSpoolBound(): void {
    const { bytes } = this.spool.stats();
    const warnAtBytes = this.spool.limitBytes * this.opts.spoolWarnRatio;

    if (bytes >= warnAtBytes && !this.nearLimitWarned) {
      this.nearLimitWarned = true;
      this.emit({ type: 'spool-near-limit', spoolBytes: bytes, limitBytes: this.spool.limitBytes });
      this.log?.warn({ spoolBytes: bytes }, 'influx spool near its bound');
    } else if (bytes < warnAtBytes * 0.9) {
      // Re-arm only well below the mark so a spool hovering at it does not flap.
      this.nearLimitWarned = false;
    }
  }
}

function sumPoints(parts: readonly PendingPart[]): number {
  return parts.reduce((sum, p) => sum + p.points, 0);
}
