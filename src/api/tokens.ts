import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open-database.js';

export const ROLES = ['admin', 'office', 'crew'] as const;
export type Role = (typeof ROLES)[number];

/** The web pages' languages: Bahasa Indonesia (the default) and English. */
export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export interface Principal {
  role: Role;
  crewId: string | null;
  label: string;
  /** The language its holder chose for the web pages. */
  lang: Lang;
  /** The stored token's SHA-256; null for the configured admin token, which has no row. */
  tokenHash: string | null;
}

const ADMIN_LANG_KEY = 'admin.lang';
const asLang = (value: unknown): Lang => (value === 'en' ? 'en' : 'id');

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Bearer tokens. Only their SHA-256 is stored: tokens are long random strings, so a fast hash
 * is enough and lookups stay one indexed read per request.
 */
export class TokenRepo {
  private readonly adminDigest: Buffer;

  constructor(
    private readonly db: Db,
    adminToken: string,
  ) {
    this.adminDigest = Buffer.from(digest(adminToken), 'hex');
  }

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

  /** Called on every request: one hash of the token serves the admin check and the lookup. */
  resolve(token: string): Principal | null {
    const hash = digest(token);
    if (timingSafeEqual(Buffer.from(hash, 'hex'), this.adminDigest)) {
      const setting = this.db
        .prepare('SELECT value FROM settings WHERE key = ?')
        .get(ADMIN_LANG_KEY) as { value: string } | undefined;

      return {
        role: 'admin',
        crewId: null,
        label: 'admin',
        lang: asLang(setting?.value),
        tokenHash: null,
      };
    }

    const row = this.db
      .prepare('SELECT role, crew_id, label, lang FROM tokens WHERE token_hash = ?')
      .get(hash) as { role: Role; crew_id: string | null; label: string; lang: string } | undefined;

    return row
      ? {
          role: row.role,
          crewId: row.crew_id,
          label: row.label,
          lang: asLang(row.lang),
          tokenHash: hash,
        }
      : null;
  }

  /** Stores the language a token's holder chose (the admin token's in settings). */
  setLang(principal: Pick<Principal, 'tokenHash'>, lang: Lang): void {
    if (principal.tokenHash === null) {
      this.db
        .prepare(
          `INSERT INTO settings (key, value) VALUES (?, ?)
           ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        )
        .run(ADMIN_LANG_KEY, lang);
      return;
    }
    this.db
      .prepare('UPDATE tokens SET lang = ? WHERE token_hash = ?')
      .run(lang, principal.tokenHash);
  }
}
