import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A batch of line protocol kept on local disk until InfluxDB takes it. */
export interface SpoolEntry {
  id: number;
  body: string;
  points: number;
  bytes: number;
  createdAtMs: number;
}

export interface QuarantinedBatch {
  id: number;
  atMs: number;
  status: number;
  message: string;
  points: number;
  body: string;
}

export interface SpoolStats {
  points: number;
  bytes: number;
  entries: number;
  oldestCreatedAtMs: number | null;
}

/** Thrown when a batch would push the spool past its bound: the caller must not ack it. */
export class SpoolFullError extends Error {
  readonly code = 'SPOOL_FULL';

  constructor(
    readonly spoolBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `InfluxDB is not taking writes and the local spool is full (${spoolBytes} of ` +
        `${limitBytes} bytes); the readings were not stored. Bring InfluxDB back or raise the ` +
        'spool size.',
    );
  }
}

/**
 * The spool and the quarantine, in one SQLite file committed with synchronous=FULL: a batch
 * appended here survives SIGKILL and power loss, and entries leave in the order they came.
 */
export class DurableSpool {
  private readonly db: Database.Database;

  private points = 0;

  private bytes = 0;

  private entries = 0;

  private readonly appendMany: (bodies: readonly { body: string; points: number }[]) => void;

  private readonly statements;

  constructor(
    dir: string,
    readonly limitBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.db = new Database(join(dir, 'influx-spool.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS spool (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at_ms INTEGER NOT NULL,
        points INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS quarantine (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        status INTEGER NOT NULL,
        message TEXT NOT NULL,
        points INTEGER NOT NULL,
        body TEXT NOT NULL
      );`);

    this.statements = {
      insert: this.db.prepare(
        'INSERT INTO spool (created_at_ms, points, bytes, body) VALUES (?, ?, ?, ?)',
      ),
      head: this.db.prepare(
        'SELECT id, created_at_ms AS createdAtMs, points, bytes, body FROM spool ' +
          'ORDER BY id LIMIT ?',
      ),
      remove: this.db.prepare('DELETE FROM spool WHERE id = ?'),
      oldest: this.db.prepare('SELECT created_at_ms FROM spool ORDER BY id LIMIT 1').pluck(),
      quarantine: this.db.prepare(
        'INSERT INTO quarantine (at_ms, status, message, points, body) VALUES (?, ?, ?, ?, ?)',
      ),
      quarantined: this.db.prepare(
        'SELECT id, at_ms AS atMs, status, message, points, body FROM quarantine ' +
          'ORDER BY id DESC LIMIT ?',
      ),
    };

    const totals = this.db
      .prepare('SELECT COUNT(*) AS n, TOTAL(points) AS p, TOTAL(bytes) AS b FROM spool')
      .get() as { n: number; p: number; b: number };
    this.entries = totals.n;
    this.points = totals.p;
    this.bytes = totals.b;

    this.appendMany = this.db.transaction((bodies: readonly { body: string; points: number }[]) => {
      const now = Date.now();
      for (const { body, points } of bodies) {
        this.statements.insert.run(now, points, Buffer.byteLength(body), body);
      }
    });
  }

  /** Appends batches in one durable transaction, or throws SpoolFullError and appends none. */
  append(batches: readonly { body: string; points: number }[]): void {
    const bytes = batches.reduce((sum, b) => sum + Buffer.byteLength(b.body), 0);
    if (this.bytes + bytes > this.limitBytes) throw new SpoolFullError(this.bytes, this.limitBytes);

    this.appendMany(batches);
    this.entries += batches.length;
    this.bytes += bytes;
    this.points += batches.reduce((sum, b) => sum + b.points, 0);
  }

  /** The oldest entries, as many as fit the limits (always at least one when not empty). */
  head(maxPoints: number, maxBytes: number): SpoolEntry[] {
    const candidates = this.statements.head.all(64) as SpoolEntry[];
    const picked: SpoolEntry[] = [];
    let points = 0;
    let bytes = 0;

    for (const entry of candidates) {
      const fits = points + entry.points <= maxPoints && bytes + entry.bytes <= maxBytes;
      if (picked.length > 0 && !fits) break;

      picked.push(entry);
      points += entry.points;
      bytes += entry.bytes;
    }

    return picked;
  }

  /** Drops entries InfluxDB has accepted. */
  remove(entries: readonly SpoolEntry[]): void {
    this.db.transaction(() => {
      for (const entry of entries) this.statements.remove.run(entry.id);
    })();
    this.forget(entries);
  }

  /** Records a batch the server refused as invalid, and takes it out of the spool if it was in. */
  quarantine(
    batch: { body: string; points: number; spooled?: SpoolEntry },
    status: number,
    message: string,
  ): void {
    this.db.transaction(() => {
      this.statements.quarantine.run(Date.now(), status, message, batch.points, batch.body);
      if (batch.spooled) this.statements.remove.run(batch.spooled.id);
    })();
    if (batch.spooled) this.forget([batch.spooled]);
  }

  quarantined(limit = 100): QuarantinedBatch[] {
    return this.statements.quarantined.all(limit) as QuarantinedBatch[];
  }

  stats(): SpoolStats {
    return {
      points: this.points,
      bytes: this.bytes,
      entries: this.entries,
      oldestCreatedAtMs: this.entries > 0 ? (this.statements.oldest.get() as number) : null,
    };
  }

  close(): void {
    this.db.close();
  }

  private forget(entries: readonly SpoolEntry[]): void {
    for (const entry of entries) {
      this.entries--;
      this.points -= entry.points;
      this.bytes -= entry.bytes;
    }
  }
}
