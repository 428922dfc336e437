/** One uplink as a network server delivered it, reduced to what Pesan Ibu needs. */
export const NETWORK_SERVERS = ['ttn', 'chirpstack'] as const;
export type NetworkServer = (typeof NETWORK_SERVERS)[number];

export interface LoraUplink {
  source: NetworkServer;
  /** Lower-case hex DevEUI. TTN may omit it for devices registered without one (ABP). */
  devEui: string | null;
  /** TTN device id, or ChirpStack device name: a human label, not the identity. */
  deviceName: string;
  applicationId: string;
  tenantId: string | null;
  /** Lower-case hex. A new OTAA join normally gets a new one. */
  devAddr: string | null;
  /** TTN session key id: changes on every join. ChirpStack does not publish one. */
  sessionKeyId: string | null;
  /** 0 when the server omitted it (protobuf JSON drops zero values). */
  fPort: number;
  /** Uplink frame counter; 0 when omitted (the first frame after a join). */
  fCnt: number;
  /** FRMPayload bytes; empty when the server omitted the field. */
  payload: Uint8Array;
  /** TTN `decoded_payload` / ChirpStack `object`; null when absent (no codec, or codec failed). */
  decodedObject: Record<string, unknown> | null;
  /** When the network server received the frame (epoch ms); our clock if it gave none. */
  receivedAtMs: number;
  /** Signal of the best reception (highest SNR): for diagnostics. */
  rssi: number | null;
  snr: number | null;
  /** Distinct gateways that heard this frame. */
  gatewayCount: number;
  /** ChirpStack deduplicationId / TTN `as:up:` correlation id: one per published delivery. */
  serverDedupId: string | null;
  confirmed: boolean;
  /** TTN marks uplinks injected from its Console. */
  simulated: boolean;
  /** TTN `version_ids` brand/model or ChirpStack device-profile name, when given. */
  deviceProfile: string | null;
}

export const UPLINK_REJECTION_CODES = [
  'too-large',
  'not-json',
  'not-uplink',
  'bad-envelope',
  'identity-mismatch',
] as const;
export type UplinkRejectionCode = (typeof UPLINK_REJECTION_CODES)[number];

export type ParseUplinkResult =
  | { ok: true; uplink: LoraUplink }
  | { ok: false; code: UplinkRejectionCode; reason: string };

/**
 * The identity to look a device up by: its DevEUI when known (the registry's `devEui`), else the
 * server-scoped device id.
 */
export function uplinkDeviceKey(uplink: LoraUplink): string {
  return uplink.devEui ?? `${uplink.source}:${uplink.applicationId}/${uplink.deviceName}`;
}
