import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError } from 'aedes';
import memoryPersistence, { type AedesMemoryPersistence } from 'aedes-persistence';

/**
 * A second, real MQTT broker standing in for a network server's own (TTN's MQTT server, the
 * Mosquitto next to ChirpStack). It can be stopped and started again on the same port. By
 * default each start is a fresh broker that has forgotten every session, as a broker without
 * persistence; with `keepSessions` the sessions, subscriptions and queued QoS 1 messages outlive
 * a restart, as with Mosquitto's `persistence true` (what a network server's broker runs).
 */
export interface ExternalBroker {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface TlsFiles {
  /** The self-signed certificate, also the CA the client must trust. */
  certFile: string;
  keyFile: string;
}

export async function startExternalBroker(
  users: Record<string, string>,
  tls?: TlsFiles,
  options: { keepSessions?: boolean } = {},
): Promise<ExternalBroker> {
  let port = 0;
  let running: { broker: Aedes; server: Server } | null = null;
  // Aedes leaves its persistence alone on close, so one store shared by every start survives.
  // (The package's types declare an ES default export; at runtime the CommonJS export is it.)
  const createMemory = memoryPersistence as unknown as () => AedesMemoryPersistence;
  const kept = options.keepSessions ? createMemory() : undefined;

  const start = async () => {
    const broker = await Aedes.createBroker({
      ...(kept === undefined ? {} : { persistence: kept }),
      authenticate(_client, username, password, done) {
        if (username !== undefined && users[username] === password?.toString('utf8')) {
          return done(null, true);
        }
        const error = Object.assign(new Error('bad username or password'), { returnCode: 4 });
        done(error as AuthenticateError, false);
      },
    });
    const server: Server = tls
      ? createTlsServer(
          { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          broker.handle,
        )
      : createServer(broker.handle);
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    running = { broker, server };
  };
  await start();

  return {
    url: `${tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    start,
    async stop() {
      if (running === null) return;
      const { broker, server } = running;
      running = null;
      const serverClosed = once(server, 'close');
      server.close();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await serverClosed;
    },
  };
}

/** A self-signed certificate for 127.0.0.1, made with the system's openssl. */
export function makeSelfSignedCert(dir: string): TlsFiles {
  const certFile = join(dir, 'broker-cert.pem');
  const keyFile = join(dir, 'broker-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=pesan-ibu-test-broker',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );

  return { certFile, keyFile };
}
