import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Config, configSchema } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ENV_PREFIX = 'PESAN_';

/** http.port -> PESAN_HTTP_PORT, ingest.batchMaxSize -> PESAN_INGEST_BATCH_MAX_SIZE */
export function envName(path: readonly (string | number)[]): string {
  const snake = path.map((p) =>
    String(p)
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toUpperCase(),
  );

  return ENV_PREFIX + snake.join('_');
}

type Tree = { [key: string]: Tree | string };

/** Every leaf path of the schema, so each can be matched to its environment variable. */
function leafPaths(schema: z.ZodType, prefix: string[] = []): string[][] {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [prefix];

  return Object.entries(inner.shape).flatMap(([key, child]) =>
    leafPaths(child as z.ZodType, [...prefix, key]),
  );
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault ||
    current instanceof z.ZodOptional
  ) {
    current = current.unwrap() as z.ZodType;
  }

  return current;
}

function fromEnv(env: NodeJS.ProcessEnv): Tree {
  const tree: Tree = {};
  for (const path of leafPaths(configSchema)) {
    const value = env[envName(path)];
    if (value === undefined || value === '') continue;

    let node = tree;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node[key] = typeof next === 'object' ? next : {};
      node = node[key] as Tree;
    }
    node[path[path.length - 1]!] = value;
  }

  return tree;
}

function merge(base: unknown, over: Tree): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;

  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over)) {
    out[key] = typeof value === 'object' ? merge(out[key], value) : value;
  }

  return out;
}

/**
 * The part of a problem's path that has an environment variable: a list or map set from one
 * JSON variable (lorawan.upstreams.0.url) is named by that variable, PESAN_LORAWAN_UPSTREAMS.
 */
function variableLeaf(path: readonly PropertyKey[]): string[] {
  const keys = path.map(String);
  const leaf = leafPaths(configSchema).find((p) => p.every((key, i) => keys[i] === key));

  return leaf ?? keys;
}

function valueAt(tree: unknown, path: readonly PropertyKey[]): unknown {
  let node = tree;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }

  return typeof node === 'object' ? undefined : node;
}

function readFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`config file ${file}: cannot read (${(error as Error).message})`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`config file ${file}: not valid JSON (${(error as Error).message})`]);
  }
}

/**
 * Reads the optional JSON file, lays PESAN_* variables over it and validates the result.
 * Problems name the key, its variable and what is expected, so start-up stops with advice.
 */
export function loadConfig(
  options: { file?: string | undefined; env?: NodeJS.ProcessEnv; overrides?: object } = {},
): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.PESAN_CONFIG;
  const base = file ? readFile(file) : {};
  const layered = merge(merge(base, fromEnv(env)), (options.overrides ?? {}) as Tree);

  const parsed = configSchema.safeParse(layered);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.') || '(root)';
        const leaf = variableLeaf(issue.path);
        const variable = leaf.length > 0 ? ` (${envName(leaf)})` : '';

        const raw = valueAt(layered, issue.path);
        const got = raw === undefined ? '' : ` (got ${JSON.stringify(raw)})`;

        return `${key}${variable}: ${issue.message}${got}`;
      }),
    );
  }

  return Object.freeze(parsed.data);
}
