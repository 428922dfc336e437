import { execFileSync } from 'node:child_process';

/** vitest globalSetup: the browser tests load dist/web, so build it from the sources first. */
export function setup(): void {
  execFileSync(process.execPath, ['web/build.mjs', '--quiet'], { stdio: 'inherit' });
}
