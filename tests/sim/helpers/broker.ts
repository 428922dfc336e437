import { once } from 'node:events';
import net, { type AddressInfo, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { parseDeviceTopic } from '../../../src/broker/topics.js';

export interface ReceivedFrame {
  deviceId: string;
  channel: string;
  body: string;
  retain: boolean;
}

/**
 * A real Aedes broker on a free port with device authentication (username = device id,
 * password = secret), recording everything devices publish. Its TCP server can be closed
 * (dropping every connection) and reopened on the same port to test reconnection.
 */
export class TestBroker {
  readonly frames: ReceivedFrame[] = [];
  readonly refusedLogins: string[] = [];
  port = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly aedes: Aedes) {}

  static async start(secrets: Record<string, string>): Promise<TestBroker> {
    const map = new Map(Object.entries(secrets));
    const aedes = await Aedes.createBroker({
      authenticate: (_client, username, password, done) => {
        const ok = username !== undefined && map.get(username) === password?.toString('utf8');
        if (ok) return done(null, true);

        broker.refusedLogins.push(username ?? '');
        const error = Object.assign(new Error('bad username or password'), { returnCode: 4 });
        done(error, false);
      },
    });
    const broker = new TestBroker(aedes);
    aedes.on('publish', (packet, client) => {
      if (client === null) return;
      const topic = parseDeviceTopic(packet.topic);
      if (topic === null) return;
      broker.frames.push({
        deviceId: topic.deviceId,
        channel: topic.channel,
        body: packet.payload.toString('utf8'),
        retain: packet.retain,
      });
    });
    await broker.listen(0);

    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  telemetry(deviceId?: string): ReceivedFrame[] {
    return this.frames.filter(
      (f) => f.channel === 'telemetry' && (deviceId === undefined || f.deviceId === deviceId),
    );
  }

  statuses(deviceId: string): string[] {
    return this.frames
      .filter((f) => f.channel === 'status' && f.deviceId === deviceId)
      .map((f) => f.body);
  }

  async listen(port: number): Promise<void> {
    const server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      this.aedes.handle(socket);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops accepting and cuts every open connection, as a crashed broker host would. */
  async closeServer(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  async stop(): Promise<void> {
    await this.closeServer();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }
}

/** Polls until `check` returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
