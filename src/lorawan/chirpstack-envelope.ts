import { z } from 'zod';
import {
  base64Field,
  decodeBase64,
  devAddrField,
  euiField,
  fCntField,
  fPortField,
  numberLike,
  plainObjectOrNull,
  type Reception,
  summariseReceptions,
  timeField,
} from './envelope-fields.js';
import type { LoraUplink } from './uplink.js';

/**
 * ChirpStack v4 `up` event (JSON encoding), `application/{app}/device/{devEui}/event/up`. Only
 * the fields we use are checked; everything else passes through unread.
 */
const chirpstackReception = z.object({
  gatewayId: z.string().min(1),
  rssi: numberLike.optional(),
  snr: numberLike.optional(),
  nsTime: timeField.optional(),
});

export const chirpstackUplinkSchema = z.object({
  deduplicationId: z.string().optional(),
  time: timeField.optional(),
  deviceInfo: z.object({
    tenantId: z.string().optional(),
    applicationId: z.string().min(1),
    deviceProfileName: z.string().optional(),
    deviceName: z.string().optional(),
    devEui: euiField,
  }),
  devAddr: devAddrField.optional(),
  confirmed: z.boolean().optional(),
  fCnt: fCntField.optional(),
  fPort: fPortField.optional(),
  data: base64Field.optional(),
  object: z.unknown().optional(),
  rxInfo: z.array(chirpstackReception).optional(),
});

export type ChirpstackUplinkBody = z.output<typeof chirpstackUplinkSchema>;

export function chirpstackToUplink(body: ChirpstackUplinkBody, nowMs: number): LoraUplink {
  const info = body.deviceInfo;
  const receptions: Reception[] = (body.rxInfo ?? []).map((rx) => ({
    gatewayId: rx.gatewayId.toLowerCase(),
    rssi: rx.rssi ?? null,
    snr: rx.snr ?? 0,
  }));
  const firstHeardMs = body.rxInfo?.find((rx) => rx.nsTime !== undefined)?.nsTime;

  return {
    source: 'chirpstack',
    devEui: info.devEui,
    deviceName: info.deviceName ?? info.devEui,
    applicationId: info.applicationId,
    tenantId: info.tenantId ?? null,
    devAddr: body.devAddr ?? null,
    sessionKeyId: null,
    fPort: body.fPort ?? 0,
    fCnt: body.fCnt ?? 0,
    payload: decodeBase64(body.data),
    decodedObject: plainObjectOrNull(body.object),
    receivedAtMs: body.time ?? firstHeardMs ?? nowMs,
    ...summariseReceptions(receptions),
    serverDedupId: body.deduplicationId ?? null,
    confirmed: body.confirmed ?? false,
    simulated: false,
    deviceProfile: info.deviceProfileName ?? null,
  };
}
