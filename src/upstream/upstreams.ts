import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { UpstreamConfig } from '../config/lorawan-config.js';
import { type UplinkHandler, UpstreamClient, type UpstreamStatus } from './upstream-client.js';

/** Every configured upstream connection, with their state as metrics. */
export class Upstreams {
  private readonly clients: UpstreamClient[];

  constructor(
    configs: readonly UpstreamConfig[],
    handler: UplinkHandler,
    deps: { logger: Logger; metrics: Registry; now?: () => number },
  ) {
    this.clients = configs.map(
      (c) => new UpstreamClient(c, handler, deps.logger.child({ upstream: c.name }), deps.now),
    );
    const statuses = () => this.statuses();

    new Gauge({
      name: 'pesan_upstream_connected',
      help: 'Upstream broker connections: 1 when connected and subscribed',
      labelNames: ['upstream'],
      registers: [deps.metrics],
      collect() {
        for (const s of statuses()) this.set({ upstream: s.name }, isUp(s) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'pesan_upstream_connects',
      help: 'Successful connections per upstream since start (above 1: reconnects)',
      labelNames: ['upstream'],
      registers: [deps.metrics],
      collect() {
        for (const s of statuses()) this.set({ upstream: s.name }, s.connects);
      },
    });
  }

  start(): void {
    for (const client of this.clients) client.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.stop()));
  }

  statuses(): UpstreamStatus[] {
    return this.clients.map((c) => c.status());
  }

  /** Every upstream is connected and subscribed (true when none is configured). */
  allUp(): boolean {
    return this.statuses().every(isUp);
  }
}

function isUp(status: UpstreamStatus): boolean {
  return status.state === 'connected' && status.subscribed;
}
