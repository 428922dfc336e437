import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open-database.js';

export const ROLES = ['admin', 'office', 'crew'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  crewId: string | null;
  label: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Bearer tokens. Only their SHA-256 is stored: tokens are long random strings, so a fast hash
 * is enough and lookups stay one indexed read per request.
 */
export class TokenRepo {
  constructor(
    private readonly db: Db,
    private readonly adminToken: string,
  ) {}

  create(role: Role, label: string, crewId: string | null = null): string {
    const token = `${role}_${randomBytes(24).toString('base64url')}`;
    this.db
      .prepare(
        'INSERT INTO tokens (token_hash, role, crew_id, label, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(digest(token), role, crewId, label, Date.now());

    return token;
  }

  /** Stores a token chosen elsewhere (the demo's printed tokens stay stable across runs). */
  ensure(token: string, role: Role, label: string, crewId: string | null = null): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO tokens (token_hash, role, crew_id, label, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(digest(token), role, crewId, label, Date.now());
  }

  resolve(token: string): Principal | null {
    const a = Buffer.from(digest(token), 'hex');
    if (timingSafeEqual(a, Buffer.from(digest(this.adminToken), 'hex'))) {
      return { role: 'admin', crewId: null, label: 'admin' };
    }

    const row = this.db
      .prepare('SELECT role, crew_id, label FROM tokens WHERE token_hash = ?')
      .get(digest(token)) as { role: Role; crew_id: string | null; label: string } | undefined;

    return row ? { role: row.role, crewId: row.crew_id, label: row.label } : null;
  }
}
