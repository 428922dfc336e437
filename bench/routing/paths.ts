import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found from this file whether it runs from bench/ or dist/bench/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the bench folder');
    dir = parent;
  }

  return dir;
}

export const benchDataPath = (...parts: string[]): string =>
  join(projectRoot(), 'bench', 'data', ...parts);
