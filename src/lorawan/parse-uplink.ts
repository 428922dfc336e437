import { chirpstackToUplink, chirpstackUplinkSchema } from './chirpstack-envelope.js';
import { describeIssues } from './envelope-fields.js';
import { type NetworkServerTopic, parseNetworkServerTopic } from './network-server-topics.js';
import { ttnToUplink, ttnUplinkSchema } from './ttn-envelope.js';
import type {
  LoraUplink,
  NetworkServer,
  ParseUplinkResult,
  UplinkRejectionCode,
} from './uplink.js';

/** Far above any real uplink (a frame heard by dozens of gateways is a few tens of KiB). */
export const MAX_ENVELOPE_BYTES = 256 * 1024;

export interface ParseUplinkOptions {
  /** Receive time to use when the envelope carries none (epoch ms). */
  nowMs?: number;
}

const refuse = (code: UplinkRejectionCode, reason: string): ParseUplinkResult => ({
  ok: false,
  code,
  reason,
});

/**
 * Turns one MQTT message from a network server into an uplink, or says why not.
 *
 * Identity comes from the body. The topic is checked against it when it has the server's
 * standard shape; a topic of another shape (a custom ChirpStack `event_topic` template, a TTN
 * Pub/Sub base topic) is accepted and the body alone decides.
 */
export function parseUplink(
  source: NetworkServer,
  topic: string,
  payload: Uint8Array | string,
  options: ParseUplinkOptions = {},
): ParseUplinkResult {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > MAX_ENVELOPE_BYTES) {
    return refuse('too-large', `envelope is ${size} bytes (limit ${MAX_ENVELOPE_BYTES})`);
  }
  const topicParts = parseNetworkServerTopic(source, topic);
  if (topicParts !== null && topicParts.event !== 'up') {
    return refuse('not-uplink', `"${topicParts.event}" event on ${topic}, not an uplink`);
  }

  let body: unknown;
  try {
    const text = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
    body = JSON.parse(text);
  } catch (error) {
    return refuse('not-json', `body is not JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return refuse('not-json', 'body is JSON but not an object');
  }

  const nowMs = options.nowMs ?? Date.now();
  const built = source === 'ttn' ? fromTtn(body, topicParts, nowMs) : fromChirpstack(body, nowMs);
  if (!built.ok) return built;

  return topicParts === null ? built : checkTopicIdentity(built.uplink, topicParts);
}

function fromTtn(body: object, topic: NetworkServerTopic | null, nowMs: number): ParseUplinkResult {
  if (!('uplink_message' in body)) {
    return refuse('not-uplink', 'TTN message has no uplink_message (join or downlink event?)');
  }
  const parsed = ttnUplinkSchema.safeParse(body);
  if (!parsed.success) return refuse('bad-envelope', `TTN uplink: ${describeIssues(parsed.error)}`);

  return { ok: true, uplink: ttnToUplink(parsed.data, topic?.tenantId ?? null, nowMs) };
}

function fromChirpstack(body: object, nowMs: number): ParseUplinkResult {
  // Join, status, log and ack events share deviceInfo but carry none of these.
  const uplinkFields = ['rxInfo', 'fCnt', 'fPort', 'data'];
  if (!('deviceInfo' in body) || !uplinkFields.some((field) => field in body)) {
    return refuse('not-uplink', 'ChirpStack message is not an up event');
  }
  const parsed = chirpstackUplinkSchema.safeParse(body);
  if (!parsed.success) {
    return refuse('bad-envelope', `ChirpStack up event: ${describeIssues(parsed.error)}`);
  }

  return { ok: true, uplink: chirpstackToUplink(parsed.data, nowMs) };
}

/** A topic that names one device while the body names another is refused, not guessed at. */
function checkTopicIdentity(uplink: LoraUplink, topic: NetworkServerTopic): ParseUplinkResult {
  const bodyDevice = uplink.source === 'ttn' ? uplink.deviceName : uplink.devEui;
  if (topic.device !== bodyDevice) {
    return refuse(
      'identity-mismatch',
      `topic names device ${topic.device} but the body is from ${bodyDevice}`,
    );
  }
  if (topic.applicationId !== uplink.applicationId) {
    return refuse(
      'identity-mismatch',
      `topic names application ${topic.applicationId} but the body says ${uplink.applicationId}`,
    );
  }

  return { ok: true, uplink };
}
