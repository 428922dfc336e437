/**
 * The LoRaWAN seam ingest calls: envelope → uplink → decoded frame → Reading fields, plus the
 * dedupe key and the quality-gate sample. See docs/lorawan.md.
 */

export type { SensorCodec } from './codec.js';
export { CodecRegistry, codecRegistry } from './codec-registry.js';
export type { DecodeResult, Rejection, RejectionCode } from './decode-result.js';
export { type DecodeUplinkOptions, decodeUplink } from './decode-uplink.js';
export type { DecodedFrame, FrameKind } from './decoded-frame.js';
export {
  DEDUPE_BUCKET_MS,
  DEDUPE_EDGE_SLACK_MS,
  uplinkDedupeKey,
  uplinkNeighbourKeys,
} from './dedupe-key.js';
export { UPLINK_SUBSCRIPTIONS } from './network-server-topics.js';
export {
  type ObjectMappings,
  objectMappingsSchema,
  parseObjectMappings,
} from './object-mapping.js';
export { MAX_ENVELOPE_BYTES, type ParseUplinkOptions, parseUplink } from './parse-uplink.js';
export { qualitySampleFromFrame } from './quality-sample.js';
export { type LoraReadingFields, loraReadingFields } from './reading-fields.js';
export {
  type LoraUplink,
  type NetworkServer,
  type ParseUplinkResult,
  uplinkDeviceKey,
} from './uplink.js';
