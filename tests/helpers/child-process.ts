import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const tsxLoader = fileURLToPath(import.meta.resolve('tsx'));

/**
 * Runs a TypeScript fixture in its own Node process (through tsx), so a test can kill it with
 * SIGKILL the way a power cut or the OOM killer would. Each stdout line goes to `onLine`;
 * `env` adds to (or overrides) this process's environment.
 */
export function spawnTsFixture(
  file: string,
  args: readonly string[],
  onLine: (line: string) => void,
  env: Record<string, string> = {},
): ChildProcess {
  const child = spawn(process.execPath, ['--import', tsxLoader, file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  createInterface({ input: child.stdout! }).on('line', onLine);

  return child;
}

/** Resolves when the process has exited, with its signal (null when it exited by itself). */
export function exited(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.signalCode);
  }

  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}
