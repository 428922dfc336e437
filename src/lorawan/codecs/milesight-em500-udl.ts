import { defineCodec } from '../codec.js';
import {
  batteryPctRecord,
  decodeMilesightChain,
  distanceMmRecord,
  MILESIGHT_DEVICE_RECORDS,
  type MilesightRecord,
  recordKey,
} from './milesight-records.js';

/**
 * Milesight EM500-UDL: industrial ultrasonic level sensor, FPort 85 record chain. We follow the
 * vendor's documentation (unsigned millimetres), not the device-repository codec that divides by
 * 1000 and reports metres.
 */
const distanceAlarmRecord: MilesightRecord = {
  size: 5,
  read(cursor, frame) {
    frame.distanceMm = cursor.u16le();
    // The change since the last report can be a drop as well as a rise.
    frame.details.alarmDistanceChangeMm = cursor.i16le();
    frame.alarms.distance = cursor.u8() !== 0;
  },
};

/** A stored reading sent later: Unix time in seconds, then the distance. */
const historyRecord: MilesightRecord = {
  size: 6,
  read(cursor, frame) {
    const tsMs = cursor.u32le() * 1000;
    frame.history.push({ tsMs, distanceMm: cursor.u16le() });
  },
};

const records = new Map<number, MilesightRecord>([
  ...MILESIGHT_DEVICE_RECORDS,
  [recordKey(0x01, 0x75), batteryPctRecord],
  [recordKey(0x03, 0x82), distanceMmRecord],
  [recordKey(0x83, 0xe9), distanceAlarmRecord],
  [recordKey(0x20, 0xce), historyRecord],
]);

export const milesightEm500Udl = defineCodec({
  id: 'milesight-em500-udl',
  vendor: 'Milesight',
  model: 'EM500-UDL',
  ports: [85],
  summary: 'distance mm, battery %, distance alarm, stored history records',
  lowBatteryV: null,
  decodeFrame: (_fPort, bytes) =>
    decodeMilesightChain('milesight-em500-udl', 'EM500-UDL', records, bytes),
});
