import { HttpError, InfluxDB, type Transport } from '@influxdata/influxdb-client';
import type { ResolvedInfluxOptions } from './influx-options.js';
import { classifyWriteError, type WriteOutcome } from './write-outcome.js';

/** Endpoint actually used for writes once the server is known. */
export type ResolvedWriteApi = 'v1' | 'v2';

/** One InfluxQL statement's result, as the v1 /query endpoint returns it with epoch=ms. */
export interface InfluxqlSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface QueryResponse {
  results?: { statement_id: number; series?: InfluxqlSeries[]; error?: string }[];
  error?: string;
}

/**
 * The three HTTP conversations Pesan Ibu has with InfluxDB, through the official client's
 * transport (keep-alive, gzip, timeouts, HttpError): ping for the version, line-protocol writes,
 * and InfluxQL over the v1-compatible /query that 1.x, 2.x and 3.x all serve.
 */
export class InfluxHttp {
  private readonly transport: Transport;

  constructor(private readonly opts: ResolvedInfluxOptions) {
    this.transport = new InfluxDB({ url: opts.url, timeout: opts.requestTimeoutMs }).transport;
  }

  /**
   * Server version from /ping, e.g. "1.6.7~rc0", "v2.7.10" or "3.0.1". Credentials go along:
   * 1.x and 2.x ignore them there, but InfluxDB 3 Core answers 401 on every endpoint without
   * them, and a 401 here would pause the writer.
   */
  async version(): Promise<string> {
    let version = '';
    const options = { method: 'GET', headers: this.authHeaders('basic') };
    await this.transport.request('/ping', '', options, (headers) => {
      const header = headers['x-influxdb-version'];
      version = String(Array.isArray(header) ? header[0] : (header ?? ''));
    });

    return version;
  }

  /** Picks the write endpoint: configured, or /api/v2/write unless the server predates 1.8. */
  async resolveWriteApi(): Promise<ResolvedWriteApi> {
    if (this.opts.writeApi !== 'auto') return this.opts.writeApi;

    return writeApiForVersion(await this.version());
  }

  async write(body: string, api: ResolvedWriteApi): Promise<WriteOutcome> {
    try {
      await this.transport.request(this.writePath(api), body, {
        method: 'POST',
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          ...this.authHeaders(api === 'v2' ? 'token' : 'basic'),
        },
        gzipThreshold: this.opts.gzipThresholdBytes,
      });

      return { kind: 'written' };
    } catch (err) {
      return classifyWriteError(err);
    }
  }

  /** Runs InfluxQL statements (separated by `;`) and returns each statement's series. */
  async query(influxql: string): Promise<InfluxqlSeries[][]> {
    const form = new URLSearchParams({ db: this.opts.database, q: influxql, epoch: 'ms' });
    if (this.opts.retentionPolicy) form.set('rp', this.opts.retentionPolicy);

    let response: QueryResponse;
    try {
      response = await this.transport.request('/query', form.toString(), {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          ...this.authHeaders('basic'),
        },
      });
    } catch (err) {
      if (err instanceof HttpError) {
        throw new Error(`InfluxQL query failed (${err.statusCode}): ${err.body ?? err.message}`);
      }
      throw err;
    }

    if (response?.error) throw new Error(`InfluxQL query failed: ${response.error}`);

    return (response?.results ?? []).map((result) => {
      if (result.error) throw new Error(`InfluxQL query failed: ${result.error}`);

      return result.series ?? [];
    });
  }

  private writePath(api: ResolvedWriteApi): string {
    const { database, retentionPolicy, org } = this.opts;
    if (api === 'v1') {
      const params = new URLSearchParams({ db: database, precision: 'ms' });
      if (retentionPolicy) params.set('rp', retentionPolicy);

      return `/write?${params}`;
    }

    const params = new URLSearchParams({ bucket: this.opts.bucket, precision: 'ms' });
    if (org) params.set('org', org);

    return `/api/v2/write?${params}`;
  }

  /**
   * 2.x/3.x take `Token <token>`; 1.8's v2 endpoint takes `Token user:password`; the v1
   * endpoints take Basic credentials (2.x accepts the token as the Basic password).
   */
  private authHeaders(scheme: 'token' | 'basic'): Record<string, string> {
    const { token, username, password } = this.opts;
    if (token !== undefined) return { authorization: `Token ${token}` };
    if (username === undefined) return {};
    if (scheme === 'token') return { authorization: `Token ${username}:${password}` };

    const basic = Buffer.from(`${username}:${password}`).toString('base64');

    return { authorization: `Basic ${basic}` };
  }
}

/** 1.8 added /api/v2/write; every 2.x and 3.x server has it. */
export function writeApiForVersion(version: string): ResolvedWriteApi {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!match) return 'v2';

  const major = Number(match[1]);
  const minor = Number(match[2]);

  return major === 1 && minor < 8 ? 'v1' : 'v2';
}
