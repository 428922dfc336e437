import nodeCron from 'node-cron';
import { z } from 'zod';
import { lorawanConfigSchema } from './lorawan-config.js';

/**
 * Every setting Pesan Ibu reads, with its default and meaning. Defaults run everything
 * embedded in one process with data under ./data. Each leaf can be overridden by the
 * environment variable named from its path: http.port -> PESAN_HTTP_PORT.
 */

/**
 * A number, from JSON or from a variable's text. The error callback answers only the type
 * issue, so a range or integer check keeps its own message: a port of 70000 should say the
 * upper bound, not "must be a number".
 */
const number = () =>
  z.coerce.number({
    error: (issue) => (issue.code === 'invalid_type' ? 'must be a number' : undefined),
  });

/** `number()` within [min, max], each bound named in its message. */
const bounded = (min: number, max: number) =>
  number()
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const port = (fallback: number) =>
  bounded(0, 65_535)
    .int({ error: 'must be a whole number' })
    .default(fallback)
    .describe('TCP port (0 = any)');

const flag = (fallback: boolean) =>
  z
    .preprocess((v) => {
      if (typeof v !== 'string') return v;
      if (['true', '1', 'yes', 'on'].includes(v.toLowerCase())) return true;
      if (['false', '0', 'no', 'off'].includes(v.toLowerCase())) return false;

      return v;
    }, z.boolean())
    .default(fallback);

const num = (fallback: number, min: number, max: number) => bounded(min, max).default(fallback);

/**
 * A cron expression node-cron accepts, checked with node-cron's own validator at load: a shape
 * check alone let '99 99 * * *' through to crash the scheduler at start. The message names
 * the fields node-cron refused, so the fix is obvious.
 */
const cron = (fallback: string) =>
  z
    .string()
    .superRefine((expression, ctx) => {
      if (nodeCron.validate(expression)) return;

      const fields = nodeCron
        .validateDetailed(expression)
        .errors.map((e) =>
          e.field === 'expression' ? e.message : `${e.field} "${e.value ?? ''}" is not valid`,
        );
      const detail = fields.length > 0 ? `; ${fields.join(', ')}` : '';
      ctx.addIssue({
        code: 'custom',
        message: `a cron expression such as "0 5 * * *" (05:00 daily)${detail}`,
      });
    })
    .default(fallback);

/**
 * An IANA time zone the runtime knows. Intl throws a RangeError on unknown zones; node-cron
 * would throw the same error later, outside start-up's error handling.
 */
const timeZone = (fallback: string) =>
  z
    .string()
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });

          return true;
        } catch {
          return false;
        }
      },
      { error: 'an IANA time zone such as "Asia/Jakarta"' },
    )
    .default(fallback);

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data').describe('where SQLite files and spools live'),
    adminToken: z
      .string()
      .min(16, 'at least 16 characters')
      .optional()
      .describe('bearer token of the admin role; generated into dataDir when absent'),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .prefault({}),
    http: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: port(8080),
        bodyLimitBytes: num(262_144, 1_024, 50_000_000),
        publicUrl: z.string().url().optional().describe('URL printed for people to open'),
      })
      .prefault({}),
    mqtt: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: port(1883),
        allowAnonymous: flag(false).describe('accept clients without credentials (tests only)'),
        wsPath: z.string().startsWith('/').default('/mqtt'),
      })
      .prefault({}),
    store: z.enum(['sqlite', 'influx']).default('sqlite'),
    influx: z
      .object({
        url: z.string().url().default('http://localhost:8086'),
        token: z.string().optional(),
        username: z.string().optional(),
        password: z.string().optional(),
        org: z.string().default('pesanibu'),
        bucket: z.string().default('pesanibu').describe('bucket, or database/retention-policy'),
        spoolMaxMb: num(512, 1, 1_000_000),
        writeApi: z
          .enum(['auto', 'v1', 'v2'])
          .default('auto')
          .describe('auto asks /ping: /write below 1.8, /api/v2/write from 1.8 on'),
        batchSize: num(5_000, 1, 100_000).describe('most lines per write request'),
        flushIntervalMs: num(0, 0, 60_000).describe('wait this long for more lines per write'),
        maxRetryDelayMs: num(30_000, 100, 600_000).describe('longest wait between retries'),
      })
      .prefault({}),
    ingest: z
      .object({
        maxPayloadBytes: num(1_024, 64, 65_536),
        batchMaxSize: num(500, 1, 10_000),
        batchMaxWaitMs: num(5, 0, 1_000),
        futureToleranceS: num(300, 0, 86_400).describe('how far ahead a device clock may run'),
        maxAgeDays: num(30, 1, 3_650).describe('older device timestamps are refused'),
      })
      .prefault({}),
    alerts: z
      .object({
        hysteresisPct: num(5, 0, 50),
        fireTemperatureC: num(60, 30, 150),
        tiltDeg: num(45, 5, 180),
        lowBatteryPct: num(15, 1, 99),
        // No default: the right figure depends on the cells (2 x AA alkaline, one Li-SOCl2
        // 3.6 V cell, ...), and a guess would flag healthy sensors or miss dying ones.
        lowBatteryV: number()
          .min(0.5)
          .max(60)
          .optional()
          .describe('battery volts for low battery when the sensor model names no figure'),
        silentFactor: num(3, 1, 100).describe('silent after this many report intervals'),
        overflowHorizonH: num(12, 1, 168).describe('warn when 100 % is predicted within this'),
      })
      .prefault({}),
    schedule: z
      .object({
        timezone: timeZone('Asia/Jakarta'),
        sweepCron: cron('* * * * *'),
        planCron: cron('0 5 * * *'),
      })
      .prefault({}),
    web: z
      .object({
        tileUrl: z
          .string()
          .refine((v) => v === 'none' || (/^https?:\/\//.test(v) && /\{z\}/.test(v)), {
            message: 'an http(s) URL template with {z}, {x}, {y}, or "none" for no tiles',
          })
          .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png')
          .describe('map tile URL template for the dashboard; "none" draws bins without tiles'),
        tileAttribution: z.string().default('© OpenStreetMap contributors'),
      })
      .prefault({}),
    lorawan: lorawanConfigSchema.prefault({}),
    routing: z
      .object({
        roadFactor: num(1.3, 1, 5),
        speedKmh: num(30, 5, 120),
        timeLimitS: num(5, 0.1, 600),
        horizonHours: num(24, 1, 168).describe('bins predicted full within this are picked up'),
        osrm: z
          .object({
            url: z
              .string()
              .url()
              .optional()
              .describe('OSRM server for road distances; straight line x roadFactor when absent'),
            profile: z
              .string()
              .regex(/^[\w-]+$/, 'a profile name such as driving')
              .default('driving'),
            maxTableSize: num(100, 2, 100_000).describe("the server's --max-table-size"),
            timeoutMs: num(10_000, 100, 600_000),
          })
          .prefault({}),
      })
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
