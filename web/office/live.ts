/** Server-sent events from /api/v1/events, fanned out to whichever views are showing. */

export interface LiveEvents {
  readings: { binId: string; fillPct: number; ts: number; quality: string }[];
  alert: { type: string; alert: { id: number; binId: string; status: string } };
  plan: { date: string };
  collection: { binId: string; status: string };
}

type Listener<K extends keyof LiveEvents> = (payload: LiveEvents[K]) => void;

export class Live {
  private source: EventSource | null = null;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly onState: (connected: boolean) => void) {}

  connect(token: string): void {
    this.close();
    // EventSource cannot send headers, so the token rides in the query (never logged).
    const source = new EventSource(`/api/v1/events?token=${encodeURIComponent(token)}`);
    source.onopen = () => this.onState(true);
    source.onerror = () => this.onState(source.readyState === EventSource.OPEN);
    for (const name of ['readings', 'alert', 'plan', 'collection']) {
      source.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
        for (const listener of this.listeners.get(name) ?? []) listener(payload);
      });
    }
    this.source = source;
  }

  close(): void {
    this.source?.close();
    this.source = null;
  }

  on<K extends keyof LiveEvents>(name: K, listener: Listener<K>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    this.listeners.set(name, set);

    return () => set.delete(wrapped);
  }
}
