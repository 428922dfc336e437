import type { App } from '../app/create-app.js';

/**
 * Keeps a started app running until SIGINT or SIGTERM, then stops it through its one exit
 * path (flushing accepted readings) before the process ends.
 */
export function runUntilSignal(app: App, extraStop: () => Promise<void> = async () => {}) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.context.logger.info({ signal }, 'stopping');
    extraStop()
      .then(() => app.stop())
      .then(
        () => process.exit(0),
        (error: Error) => {
          app.context.logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
