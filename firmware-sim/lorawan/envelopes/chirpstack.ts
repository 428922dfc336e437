import type { SimMessage } from '../sim-device.js';
import { syntheticId, type UplinkEvent } from './uplink-event.js';

/**
 * A ChirpStack v4 `up` event (JSON). Protobuf's JSON mapping drops default values (`fCnt` 0,
 * empty `data`, false `confirmed`) and the decoded `object` passes through a Struct, so its
 * integers come out with a decimal point: the text is written that way here too.
 */
export function chirpstackUplinkMessage(event: UplinkEvent): SimMessage {
  const { device, frame } = event;
  const devEui = device.devEui.toLowerCase();
  const time = new Date(event.receivedAtMs).toISOString().replace('Z', '+00:00');
  const omitZero = (key: string, value: number) => (value === 0 ? {} : { [key]: value });
  const data = Buffer.from(frame.bytes).toString('base64');
  const dedupId = syntheticId('5d3e1c2a-0000-4000-8000-', event.publicationId);

  const body = {
    deduplicationId: dedupId.toLowerCase(),
    time,
    deviceInfo: {
      tenantId: '7b1f2c9e-4d3a-4f60-9b8e-1a2b3c4d5e6f',
      applicationId: device.applicationId,
      applicationName: 'waste-bins',
      deviceProfileName: device.model,
      deviceName: device.deviceId,
      devEui,
    },
    devAddr: frame.devAddr.toLowerCase(),
    adr: true,
    ...omitZero('fCnt', frame.fCnt),
    ...omitZero('fPort', frame.fPort),
    ...(data === '' ? {} : { data }),
    ...(event.decoded === undefined ? {} : { object: floatMarked(event.decoded) }),
    rxInfo: event.gateways.map((gw, index) => ({
      gatewayId: gw.eui.toLowerCase(),
      uplinkId: event.publicationId * 10 + index,
      nsTime: time,
      rssi: gw.rssi,
      snr: gw.snr,
      crcStatus: 'CRC_OK',
    })),
    txInfo: {
      frequency: 921400000,
      modulation: { lora: { bandwidth: 125000, spreadingFactor: 9 } },
    },
  };

  const text = JSON.stringify(body).replace(/"__float__(-?\d+)"/g, '$1.0');

  return { topic: `application/${device.applicationId}/device/${devEui}/event/up`, body: text };
}

/** Marks integers so they can be written as `92.0` after JSON.stringify. */
function floatMarked(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return `__float__${value}`;
  if (Array.isArray(value)) return value.map(floatMarked);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, floatMarked(v)]));
  }

  return value;
}
