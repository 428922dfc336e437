import { z } from 'zod';
import { UPLINK_SUBSCRIPTIONS } from '../lorawan/network-server-topics.js';
import { objectMappingsSchema } from '../lorawan/object-mapping.js';
import { NETWORK_SERVERS } from '../lorawan/uplink.js';
import { filterProblem } from '../shared/mqtt-filter.js';

/**
 * Network-server connections (see docs/lorawan.md, "Configuration"). Lists and maps arrive from
 * one environment variable each, as JSON: PESAN_LORAWAN_INTEGRATIONS='[{...}]'.
 */
function fromJsonText<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not valid JSON: ${(error as Error).message}` });

      return z.NEVER;
    }
  }, schema);
}

const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -, at most 40');

const topicFilter = z.string().superRefine((filter, ctx) => {
  const problem = filterProblem(filter);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

const kind = z.enum(NETWORK_SERVERS).describe('which envelope format the messages use');

/** A network server publishing into Pesan Ibu's own broker with its own account. */
const integrationSchema = z
  .object({
    name,
    username: z.string().min(1),
    password: z.string().min(12, 'at least 12 characters').optional(),
    passwordHash: z
      .string()
      .startsWith('scrypt$', 'a hash made by `pesan` (scrypt$...)')
      .optional()
      .describe('instead of password: keeps the secret out of the configuration'),
    kind,
    topics: z
      .array(topicFilter)
      .min(1)
      .optional()
      .describe('the only topics it may publish to; default: every uplink topic of its kind'),
  })
  .strict()
  .refine((i) => (i.password === undefined) !== (i.passwordHash === undefined), {
    message: 'give exactly one of password and passwordHash',
  })
  .transform((i) => ({ ...i, topics: i.topics ?? [UPLINK_SUBSCRIPTIONS[i.kind]] }));

/** An external broker (the network server's) Pesan Ibu subscribes to as a client. */
const upstreamSchema = z
  .object({
    name,
    url: z
      .string()
      .regex(/^(mqtts?|wss?):\/\/[^/\s]+/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    kind,
    topics: z.array(topicFilter).min(1).optional(),
    caFile: z.string().min(1).optional().describe('PEM file of a private CA, for mqtts://'),
    clientId: z.string().min(1).max(64).optional(),
    qos: z.union([z.literal(0), z.literal(1)]).default(1),
    cleanSession: z
      .boolean()
      .default(false)
      .describe('false: the broker keeps our subscriptions and queues QoS 1 while we are away'),
    reconnectPeriodMs: z.number().int().min(100).max(600_000).default(5_000),
  })
  .strict()
  .transform((u) => ({
    ...u,
    topics: u.topics ?? [UPLINK_SUBSCRIPTIONS[u.kind]],
    // A persistent session is found again only under the same client id.
    clientId: u.clientId ?? `pesan-ibu-${u.name}`,
  }));

export const lorawanConfigSchema = z
  .object({
    integrations: fromJsonText(z.array(integrationSchema)).default([]),
    upstreams: fromJsonText(z.array(upstreamSchema)).default([]),
    objectMappings: fromJsonText(objectMappingsSchema)
      .default({})
      .describe('per-model mapping of the server decoded object, for models without a codec'),
  })
  .strict()
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    for (const { name } of [...l.integrations, ...l.upstreams]) {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `name "${name}" is used twice` });
      seen.add(name);
    }
  });

export type LorawanConfig = z.output<typeof lorawanConfigSchema>;
export type IntegrationConfig = LorawanConfig['integrations'][number];
export type UpstreamConfig = LorawanConfig['upstreams'][number];
