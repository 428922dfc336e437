import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AlertChange } from '../alerts/alert-repo.js';
import type { Collection } from '../analytics/collection-repo.js';
import type { Emptying } from '../analytics/fill-trend.js';
import type { Reading } from '../domain/reading.js';

/** Events the parts of the app tell each other about (and the dashboard streams live). */
export interface AppEvents {
  readings: Reading[];
  alert: AlertChange;
  emptied: Emptying;
  plan: { date: string };
  /** A crew's confirmation, newly recorded (`record` is what was stored). */
  collection: { binId: string; status: string; record: Collection };
}

/**
 * A typed event bus. A failing listener is logged and does not stop the others or the
 * emitter: one broken feature must not take ingestion down with it.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor(private readonly logger: Logger) {
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof AppEvents>(event: K, listener: (payload: AppEvents[K]) => void): () => void {
    const safe = (payload: AppEvents[K]) => {
      try {
        listener(payload);
      } catch (error) {
        this.logger.error({ err: error, event }, 'event listener failed');
      }
    };
    this.emitter.on(event, safe);

    return () => this.emitter.off(event, safe);
  }

  emit<K extends keyof AppEvents>(event: K, payload: AppEvents[K]): void {
    this.emitter.emit(event, payload);
  }
}
