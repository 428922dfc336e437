import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir } from './temp-dir.js';

/**
 * A real `influxd` (Debian's 1.6 package) for the storage tests, started on free ports with its
 * config, meta, data and WAL in a temp folder, with authentication on. In CI (CI=true) a missing
 * binary fails the suite; on a developer machine the InfluxDB tests are skipped with a hint.
 */
const INSTALL_HINT = 'install it with `apt-get install influxdb` (Debian/Ubuntu package)';

export const influxdAvailable: boolean = (() => {
  const found = spawnSync('influxd', ['version'], { stdio: 'ignore' }).status === 0;
  if (found) return true;

  if (process.env.CI === 'true') {
    throw new Error(
      `influxd is not on PATH and CI=true: the InfluxDB tests must run; ${INSTALL_HINT}`,
    );
  }
  console.warn(`[influxd] not found: skipping the InfluxDB tests; ${INSTALL_HINT}`);

  return false;
})();

export const INFLUX_USER = 'pesan';
export const INFLUX_PASSWORD = 'rahasia-uji';

export interface InfluxqlResult {
  series?: {
    name: string;
    tags?: Record<string, string>;
    columns: string[];
    values: unknown[][];
  }[];
  error?: string;
}

export interface InfluxdHandle {
  readonly url: string;
  readonly port: number;
  readonly running: boolean;
  /** Runs InfluxQL as the admin user; throws on a statement error. */
  query(influxql: string, database?: string): Promise<InfluxqlResult[]>;
  /** Posts line protocol to the v1 /write endpoint as the admin user. */
  writeLines(database: string, body: string): Promise<Response>;
  createDatabase(name: string): Promise<void>;
  /** Graceful stop (SIGTERM), as a service restart would do. */
  stop(): Promise<void>;
  /** Starts again on the same ports and data. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startInfluxd(): Promise<InfluxdHandle> {
  const dir = makeTempDir('influxd');
  const port = await freePort();
  const rpcPort = await freePort();
  const configFile = join(dir.path, 'influxdb.conf');
  writeFileSync(configFile, configText(dir.path, port, rpcPort));

  const url = `http://127.0.0.1:${port}`;
  const basic = `Basic ${Buffer.from(`${INFLUX_USER}:${INFLUX_PASSWORD}`).toString('base64')}`;
  let child: ChildProcess | null = null;
  let stderrTail = '';

  async function start(): Promise<void> {
    stderrTail = '';
    child = spawn('influxd', ['-config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));

    for (let waitedMs = 0; waitedMs < 20_000; waitedMs += 50) {
      if (child.exitCode !== null) break;
      const ok = await fetch(`${url}/ping`).then(
        (r) => r.status === 204,
        () => false,
      );
      if (ok) return;
      await Promise.race([sleep(50), exited]);
    }

    child.kill('SIGKILL');
    throw new Error(`influxd did not come up on ${url}:\n${stderrTail}`);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;

    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
    if (timedOut) {
      running.kill('SIGKILL');
      await exited;
    }
  }

  async function query(influxql: string, database?: string): Promise<InfluxqlResult[]> {
    const form = new URLSearchParams({ q: influxql, epoch: 'ms' });
    if (database) form.set('db', database);
    const response = await fetch(`${url}/query`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const json = (await response.json()) as { results?: InfluxqlResult[]; error?: string };
    const failed = json.error ?? json.results?.find((r) => r.error)?.error;
    if (failed) throw new Error(`InfluxQL failed: ${failed} (query: ${influxql})`);

    return json.results ?? [];
  }

  await start();
  // The first admin may be created without credentials; after that auth is enforced.
  const form = new URLSearchParams({
    q: `CREATE USER "${INFLUX_USER}" WITH PASSWORD '${INFLUX_PASSWORD}' WITH ALL PRIVILEGES`,
  });
  const created = await fetch(`${url}/query`, { method: 'POST', body: form });
  if (!created.ok) throw new Error(`cannot create the influxd admin user: ${await created.text()}`);

  return {
    url,
    port,
    get running() {
      return child !== null;
    },
    query,
    writeLines: (database, body) =>
      fetch(`${url}/write?db=${encodeURIComponent(database)}&precision=ms`, {
        method: 'POST',
        headers: { authorization: basic },
        body,
      }),
    async createDatabase(name) {
      await query(`CREATE DATABASE "${name}"`);
    },
    stop,
    start,
    async dispose() {
      await stop();
      dir.remove();
    },
  };
}

function configText(dir: string, port: number, rpcPort: number): string {
  return `
reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${dir}/meta"
  logging-enabled = false

[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
  index-version = "inmem"

[retention]
  enabled = false

[shard-precreation]
  enabled = false

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[continuous_queries]
  enabled = false
  log-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${port}"
  auth-enabled = true
  log-enabled = false
  pprof-enabled = false

[logging]
  level = "warn"
  suppress-logo = true
`;
}

/** A canned answer the proxy gives instead of forwarding a write (fault injection). */
export interface InjectedFault {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface V2WriteProxy {
  readonly url: string;
  /** Content-Encoding of each write request received, in order. */
  readonly writeEncodings: (string | undefined)[];
  /** Answers the next write requests with these faults, one each, before forwarding again. */
  failNextWrites(...faults: InjectedFault[]): void;
  close(): Promise<void>;
}

export interface V2WriteProxyOptions {
  /**
   * Answer 401 to any request (/ping included) whose credentials influxd does not accept, as
   * InfluxDB 3 Core does; 1.x and 2.x let /ping through without them.
   */
  authOnEveryEndpoint?: boolean;
}

/** Version the proxy reports on /ping: the first release with the /api/v2/write endpoint. */
export const V2_PROXY_VERSION = '1.8.10';

/**
 * InfluxDB 2.x cannot run on these machines, so this NAMED TEST FAKE stands in for InfluxDB
 * 1.8's compatibility layer in front of the real 1.6 influxd: it maps
 * `/api/v2/write?bucket=db/rp` (with `Authorization: Token user:password`) to the 1.x
 * `/write?db=&rp=`, forwards everything else untouched, and reports 1.8.10 on /ping so the
 * adapter's version detection picks the v2 endpoint. It can also answer writes with injected
 * faults (503, 429 with Retry-After, 401) that a healthy influxd never gives on demand.
 */
export async function startV2WriteProxy(
  target: InfluxdHandle,
  options: V2WriteProxyOptions = {},
): Promise<V2WriteProxy> {
  const { createServer: createHttpServer } = await import('node:http');
  const faults: InjectedFault[] = [];
  const writeEncodings: (string | undefined)[] = [];

  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const incoming = new URL(req.url ?? '/', 'http://proxy');
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'content-encoding', 'authorization', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }

      const forward = () => {
        let path = `${incoming.pathname}${incoming.search}`;
        if (incoming.pathname === '/api/v2/write') {
          writeEncodings.push(headers['content-encoding']);
          const fault = faults.shift();
          if (fault) {
            res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
            res.end(fault.body ?? JSON.stringify({ code: 'injected', message: 'injected fault' }));
            return;
          }

          const [db, rp] = (incoming.searchParams.get('bucket') ?? '').split('/');
          const params = new URLSearchParams({ db: db ?? '' });
          if (rp) params.set('rp', rp);
          params.set('precision', incoming.searchParams.get('precision') ?? 'ns');
          path = `/write?${params}`;

          const basic = basicFromToken(headers.authorization);
          if (basic !== undefined) headers.authorization = basic;
        }

        fetch(`${target.url}${path}`, {
          method: req.method ?? 'GET',
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
        }).then(
          async (upstream) => {
            const out: Record<string, string> = {};
            upstream.headers.forEach((value, name) => {
              if (name !== 'content-length' && name !== 'content-encoding') out[name] = value;
            });
            if (incoming.pathname === '/ping') out['x-influxdb-version'] = V2_PROXY_VERSION;
            res.writeHead(upstream.status, out);
            res.end(Buffer.from(await upstream.arrayBuffer()));
          },
          () => {
            // influxd is down: drop the connection as the real server's absence would.
            req.socket.destroy();
          },
        );
      };

      if (!options.authOnEveryEndpoint) {
        forward();
        return;
      }
      credentialsAccepted(target.url, headers.authorization).then(
        (accepted) => {
          if (accepted) {
            forward();
            return;
          }
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'unauthenticated: missing or wrong credentials' }));
        },
        () => req.socket.destroy(),
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    writeEncodings,
    failNextWrites: (...injected) => faults.push(...injected),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The proxy's clients send `Token user:password` (v2 style) or Basic; influxd 1.x wants Basic. */
function basicFromToken(authorization: string | undefined): string | undefined {
  const token = /^Token (.*?):(.*)$/.exec(authorization ?? '');
  if (!token) return authorization;

  return `Basic ${Buffer.from(`${token[1]}:${token[2]}`).toString('base64')}`;
}

/** Asks influxd itself whether these credentials are good, with a statement any user may run. */
async function credentialsAccepted(url: string, authorization: string | undefined) {
  if (authorization === undefined) return false;

  const form = new URLSearchParams({ q: 'SHOW DATABASES' });
  const answer = await fetch(`${url}/query`, {
    method: 'POST',
    headers: { authorization: basicFromToken(authorization) ?? '' },
    body: form,
  });

  return answer.ok;
}
