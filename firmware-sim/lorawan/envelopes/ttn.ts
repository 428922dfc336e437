import type { SimMessage } from '../sim-device.js';
import { syntheticId, type UplinkEvent } from './uplink-event.js';

/**
 * A The Things Stack v3 uplink message as its MQTT server publishes it. Like the real one it
 * leaves out fields whose value is 0, false or empty (`f_cnt` on the first frame, an empty
 * `frm_payload`, a zero `snr`).
 */
export function ttnUplinkMessage(event: UplinkEvent): SimMessage {
  const { device, frame } = event;
  const app = device.applicationId;
  const tenant = device.tenantId ?? 'ttn';
  const receivedAt = new Date(event.receivedAtMs).toISOString();
  const omitZero = (key: string, value: number) => (value === 0 ? {} : { [key]: value });
  const payload = Buffer.from(frame.bytes).toString('base64');

  const body = {
    end_device_ids: {
      device_id: device.deviceId,
      application_ids: { application_id: app },
      dev_eui: device.devEui.toUpperCase(),
      dev_addr: frame.devAddr.toUpperCase(),
    },
    correlation_ids: [
      `as:up:${syntheticId('01SIMAS', event.publicationId)}`,
      `ns:uplink:${syntheticId('01SIMNS', event.publicationId)}`,
    ],
    received_at: receivedAt,
    uplink_message: {
      session_key_id: frame.sessionKeyId,
      ...omitZero('f_port', frame.fPort),
      ...omitZero('f_cnt', frame.fCnt),
      ...(payload === '' ? {} : { frm_payload: payload }),
      ...(event.decoded === undefined ? {} : { decoded_payload: event.decoded }),
      rx_metadata: event.gateways.map((gw) => ({
        gateway_ids: { gateway_id: gw.id, eui: gw.eui.toUpperCase() },
        rssi: gw.rssi,
        channel_rssi: gw.rssi,
        ...omitZero('snr', gw.snr),
        received_at: receivedAt,
      })),
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 9, coding_rate: '4/5' } },
        frequency: '921400000',
      },
      received_at: receivedAt,
    },
  };

  return { topic: `v3/${app}@${tenant}/devices/${device.deviceId}/up`, body: JSON.stringify(body) };
}
