import { defineCodec } from '../codec.js';
import {
  batteryPctRecord,
  decodeMilesightChain,
  distanceMmRecord,
  MILESIGHT_DEVICE_RECORDS,
  type MilesightRecord,
  positionRecord,
  recordKey,
} from './milesight-records.js';

/** Milesight EM310-UDL: ultrasonic bin sensor under the lid, FPort 85 record chain. */
const records = new Map<number, MilesightRecord>([
  ...MILESIGHT_DEVICE_RECORDS,
  [recordKey(0x01, 0x75), batteryPctRecord],
  [recordKey(0x03, 0x82), distanceMmRecord],
  [recordKey(0x04, 0x00), positionRecord],
]);

export const milesightEm310Udl = defineCodec({
  id: 'milesight-em310-udl',
  vendor: 'Milesight',
  model: 'EM310-UDL',
  ports: [85],
  summary: 'distance mm, battery %, tilt switch',
  lowBatteryV: null,
  decodeFrame: (_fPort, bytes) =>
    decodeMilesightChain('milesight-em310-udl', 'EM310-UDL', records, bytes),
});
