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

/**
 * Milesight EM400-MUD: ultrasonic distance with thermometer and tilt, FPort 85 record chain.
 * Threshold alarms arrive as their own records carrying the value that tripped them.
 */
const temperatureRecord: MilesightRecord = {
  size: 2,
  read(cursor, frame) {
    frame.temperatureC = cursor.i16le() / 10;
  },
};

const temperatureAlarmRecord: MilesightRecord = {
  size: 3,
  read(cursor, frame) {
    frame.temperatureC = cursor.i16le() / 10;
    frame.alarms.temperature = cursor.u8() !== 0;
  },
};

const distanceAlarmRecord: MilesightRecord = {
  size: 3,
  read(cursor, frame) {
    frame.distanceMm = cursor.u16le();
    frame.alarms.distance = cursor.u8() !== 0;
  },
};

const records = new Map<number, MilesightRecord>([
  ...MILESIGHT_DEVICE_RECORDS,
  [recordKey(0x01, 0x75), batteryPctRecord],
  [recordKey(0x03, 0x67), temperatureRecord],
  [recordKey(0x04, 0x82), distanceMmRecord],
  [recordKey(0x05, 0x00), positionRecord],
  [recordKey(0x83, 0x67), temperatureAlarmRecord],
  [recordKey(0x84, 0x82), distanceAlarmRecord],
]);

export const milesightEm400Mud = defineCodec({
  id: 'milesight-em400-mud',
  vendor: 'Milesight',
  model: 'EM400-MUD',
  ports: [85],
  summary: 'distance mm, temperature 0.1 °C, battery %, tilt switch, threshold alarms',
  lowBatteryV: null,
  decodeFrame: (_fPort, bytes) =>
    decodeMilesightChain('milesight-em400-mud', 'EM400-MUD', records, bytes),
});
