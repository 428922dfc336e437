import { ByteCursor } from '../byte-cursor.js';
import { defineCodec } from '../codec.js';
import { accept, reject } from '../decode-result.js';
import { emptyFrame, finishFrame } from '../decoded-frame.js';

/**
 * Decentlab DL-MBX (MaxBotix ultrasonic), FPort 1:
 *   version (1) = 2 | device id (2, BE) | group flags (2, BE) | 16-bit BE words per present group.
 * Group bit 0: distance mm + number of valid samples; bit 1: battery mV.
 */
const PROTOCOL_VERSION = 2;
const DISTANCE_GROUP = 0b01;
const BATTERY_GROUP = 0b10;
const KNOWN_GROUPS = DISTANCE_GROUP | BATTERY_GROUP;

export const decentlabDlMbx = defineCodec({
  id: 'decentlab-dl-mbx',
  vendor: 'Decentlab',
  model: 'DL-MBX',
  ports: [1],
  summary: 'median distance mm, valid sample count, battery V',
  lowBatteryV: null,
  decodeFrame(_fPort, bytes) {
    const cursor = new ByteCursor(bytes);
    const version = cursor.u8();
    if (version !== PROTOCOL_VERSION) {
      return reject(
        'unsupported-version',
        `protocol version ${version}; only version ${PROTOCOL_VERSION} is known`,
      );
    }
    const deviceId = cursor.u16be();
    const groups = cursor.u16be();
    if ((groups & ~KNOWN_GROUPS) !== 0) {
      return reject(
        'unknown-record',
        `sensor-group flags 0x${groups.toString(16)} name unknown groups`,
      );
    }

    const words = (groups & DISTANCE_GROUP ? 2 : 0) + (groups & BATTERY_GROUP ? 1 : 0);
    const expectedLength = 5 + 2 * words;
    if (bytes.length !== expectedLength) {
      return reject(
        'wrong-length',
        `${bytes.length} bytes, but the group flags announce ${expectedLength}`,
      );
    }

    const frame = emptyFrame('decentlab-dl-mbx');
    frame.details.deviceId = deviceId;
    if (groups & DISTANCE_GROUP) {
      const distanceMm = cursor.u16be();
      const validSamples = cursor.u16be();
      frame.details.validSamples = validSamples;
      // The transducer's median over zero valid samples is not a measurement.
      if (validSamples === 0) {
        frame.noEcho = true;
        frame.details.rawDistanceMm = distanceMm;
      } else {
        frame.distanceMm = distanceMm;
      }
    }
    if (groups & BATTERY_GROUP) frame.batteryV = cursor.u16be() / 1000;

    return accept(finishFrame(frame));
  },
});
