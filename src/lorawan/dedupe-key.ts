import { createHash } from 'node:crypto';
import { type LoraUplink, uplinkDeviceKey } from './uplink.js';

/**
 * Width of the time bucket in the dedupe key. Copies of one frame reach us within seconds
 * (ChirpStack's de-duplication delay is 200 ms; a redelivered message carries the very same
 * receive time), while a frame counter can only come round again after a device reboot.
 */
export const DEDUPE_BUCKET_MS = 5 * 60_000;

/**
 * How far apart two copies of one frame may be heard and still be merged across a bucket edge.
 * Generous against the 200 ms seen in practice, and far below a report interval, so an ABP
 * counter reset is not taken for a copy.
 */
export const DEDUPE_EDGE_SLACK_MS = 60_000;

const bucketOf = (ms: number) => Math.floor(ms / DEDUPE_BUCKET_MS);

function keyInBucket(uplink: LoraUplink, bucket: number): string {
  const session = uplink.sessionKeyId ?? uplink.devAddr ?? '';
  const digest = createHash('sha256')
    .update(`${session}\n${bucket}\n`)
    .update(uplink.payload)
    .digest('hex')
    .slice(0, 20);

  return `lora:${uplinkDeviceKey(uplink)}:${uplink.fCnt}:${uplink.fPort}:${digest}`;
}

/**
 * The identity of one LoRaWAN frame, for the store's duplicate suppression:
 *
 *   lora:{device}:{fCnt}:{fPort}:{digest of session, payload and receive-time bucket}
 *
 * What it merges: the same envelope delivered twice (QoS 1 redelivery, two upstream
 * connections, a replay): identical body, identical key. ChirpStack publishing one frame twice
 * under two deduplication ids: same counter, port, payload and session, times within the
 * bucket; copies either side of a bucket edge get different keys, which
 * `uplinkNeighbourKeys` lets the ingest's recent-key memory match. (Several gateways are
 * already merged by the network server into one message.)
 *
 * What it keeps apart: a frame counter that restarts after a reboot. An OTAA device rejoins, so
 * its session changes (TTN `session_key_id`; the DevAddr ChirpStack assigns on each join) and
 * the digest differs even for an identical payload. An ABP device keeps its session, so there the
 * receive time separates them: frame n after the reboot comes at least one report interval after
 * frame n before it, and lands in another bucket unless both fall in the same five minutes (or
 * within `DEDUPE_EDGE_SLACK_MS` across an edge) with byte-identical payloads (then nothing of
 * value is lost).
 *
 * The server's own deduplication id is not used alone: ChirpStack's duplicates carry two ids.
 */
export function uplinkDedupeKey(uplink: LoraUplink): string {
  return keyInBucket(uplink, bucketOf(uplink.receivedAtMs));
}

/**
 * The keys a copy of this frame heard up to `DEDUPE_EDGE_SLACK_MS` earlier or later would
 * carry, when that falls in a neighbouring bucket; empty well inside a bucket. The stored key
 * stays `uplinkDedupeKey` (unique in the store): these only let ingest drop a copy whose twin
 * it stored moments ago on the other side of the edge.
 */
export function uplinkNeighbourKeys(uplink: LoraUplink): string[] {
  const own = bucketOf(uplink.receivedAtMs);
  const near = new Set([
    bucketOf(uplink.receivedAtMs - DEDUPE_EDGE_SLACK_MS),
    bucketOf(uplink.receivedAtMs + DEDUPE_EDGE_SLACK_MS),
  ]);
  near.delete(own);

  return [...near].map((bucket) => keyInBucket(uplink, bucket));
}
