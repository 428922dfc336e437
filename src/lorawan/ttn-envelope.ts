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
 * The Things Stack (TTN v3) uplink message, `v3/{app}@{tenant}/devices/{device}/up`. Only the
 * fields we use are checked; everything else passes through unread.
 */
const ttnReception = z.object({
  gateway_ids: z.object({ gateway_id: z.string().min(1), eui: z.string().optional() }),
  rssi: numberLike.optional(),
  channel_rssi: numberLike.optional(),
  snr: numberLike.optional(),
  received_at: timeField.optional(),
});

export const ttnUplinkSchema = z.object({
  end_device_ids: z.object({
    device_id: z.string().min(1),
    application_ids: z.object({ application_id: z.string().min(1) }),
    dev_eui: euiField.optional(),
    dev_addr: devAddrField.optional(),
  }),
  correlation_ids: z.array(z.string()).optional(),
  received_at: timeField.optional(),
  simulated: z.boolean().optional(),
  uplink_message: z.object({
    session_key_id: z.string().optional(),
    f_port: fPortField.optional(),
    f_cnt: fCntField.optional(),
    frm_payload: base64Field.optional(),
    decoded_payload: z.unknown().optional(),
    rx_metadata: z.array(ttnReception).optional(),
    received_at: timeField.optional(),
    confirmed: z.boolean().optional(),
    version_ids: z
      .object({ brand_id: z.string().optional(), model_id: z.string().optional() })
      .optional(),
  }),
});

export type TtnUplinkBody = z.output<typeof ttnUplinkSchema>;

/** The `as:up:` correlation id is minted once per uplink the Application Server publishes. */
function applicationServerUplinkId(correlationIds: readonly string[] | undefined): string | null {
  return correlationIds?.find((id) => id.startsWith('as:up:')) ?? null;
}

export function ttnToUplink(
  body: TtnUplinkBody,
  tenantId: string | null,
  nowMs: number,
): LoraUplink {
  const ids = body.end_device_ids;
  const message = body.uplink_message;
  const receptions: Reception[] = (message.rx_metadata ?? []).map((rx) => ({
    gatewayId: rx.gateway_ids.eui ?? rx.gateway_ids.gateway_id,
    rssi: rx.rssi ?? rx.channel_rssi ?? null,
    snr: rx.snr ?? 0,
  }));
  const firstHeardMs = message.rx_metadata?.find((rx) => rx.received_at !== undefined)?.received_at;
  const versions = message.version_ids;
  const profile = versions?.model_id
    ? [versions.brand_id, versions.model_id].filter(Boolean).join('/')
    : null;

  return {
    source: 'ttn',
    devEui: ids.dev_eui ?? null,
    deviceName: ids.device_id,
    applicationId: ids.application_ids.application_id,
    tenantId,
    devAddr: ids.dev_addr ?? null,
    sessionKeyId: message.session_key_id ?? null,
    fPort: message.f_port ?? 0,
    fCnt: message.f_cnt ?? 0,
    payload: decodeBase64(message.frm_payload),
    decodedObject: plainObjectOrNull(message.decoded_payload),
    receivedAtMs: message.received_at ?? body.received_at ?? firstHeardMs ?? nowMs,
    ...summariseReceptions(receptions),
    serverDedupId: applicationServerUplinkId(body.correlation_ids),
    confirmed: message.confirmed ?? false,
    simulated: body.simulated ?? false,
    deviceProfile: profile,
  };
}
