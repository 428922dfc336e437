import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pages of the built bundle (web/build.mjs writes them under dist/web). */
export const PAGES = ['office', 'crew'] as const;
export type PageName = (typeof PAGES)[number];

export interface WebBundle {
  dir: string;
  assetsDir: string;
  pages: Record<PageName, string>;
  serviceWorker: string;
}

/**
 * The project root, found from this file whether it runs from src/ (tests, tsx) or from
 * dist/src/ (compiled).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'web'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pesan: cannot find the project root from src/web');
    dir = parent;
  }
}

export const defaultBundleDir = () => join(projectRoot(), 'dist', 'web');

/** Reads the built pages, or returns null when the bundle has not been built. */
export function loadBundle(dir: string): WebBundle | null {
  const files = [...PAGES.map((p) => join(dir, `${p}.html`)), join(dir, 'crew-sw.js')];
  if (!files.every((f) => existsSync(f))) return null;

  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  return {
    dir,
    assetsDir: join(dir, 'assets'),
    pages: { office: read('office.html'), crew: read('crew.html') },
    serviceWorker: read('crew-sw.js'),
  };
}
