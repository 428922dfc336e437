import type { Logger } from 'pino';

/**
 * Runs a start-up warm-up (rebuilding in-memory state from stored readings) without letting an
 * unreachable store stop the service: devices must still be able to report, and their readings
 * are spooled; the state then rebuilds from live readings.
 */
export async function warmUp(what: string, logger: Logger, run: () => Promise<void>) {
  try {
    await run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ what, err: reason }, 'warm-up skipped: stored readings could not be read');
  }
}
