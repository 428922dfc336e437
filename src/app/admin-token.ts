import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The admin token from configuration, or one generated on first start and kept in the data
 * folder (readable by the owner only) so that a fresh install is never left open.
 */
export function resolveAdminToken(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;

  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();

  mkdirSync(dataDir, { recursive: true });
  const token = `admin_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });

  return token;
}
