import { ByteCursor } from '../byte-cursor.js';
import { defineCodec } from '../codec.js';
import { accept, reject } from '../decode-result.js';
import { emptyFrame, finishFrame } from '../decoded-frame.js';
import { DRAGINO_LOW_BATTERY_V, draginoBatteryV } from './dragino-battery.js';

/**
 * Dragino LDDS20 (and the LDDS45/LDDS75/DDS-LB family on FPort 2):
 *   battery mV (2, BE, top two bits masked) | distance mm (2, BE) | interrupt flag (1)
 *   | DS18B20 temperature 0.1 °C (2, BE signed) | ultrasonic probe flag (1)
 * Firmware before 1.1.4 sends only the first five bytes.
 */
const NO_PROBE_RAW = 0;
const INVALID_READING_RAW = 20;

export const draginoLdds20 = defineCodec({
  id: 'dragino-ldds20',
  vendor: 'Dragino',
  model: 'LDDS20',
  ports: [2],
  summary: 'distance mm (0 = no probe, 20 = invalid), battery V, interrupt flag, DS18B20 °C',
  lowBatteryV: DRAGINO_LOW_BATTERY_V,
  decodeFrame(_fPort, bytes) {
    if (bytes.length !== 8 && bytes.length !== 5) {
      return reject(
        'wrong-length',
        `${bytes.length} bytes; LDDS20 frames are 8 (or 5 before 1.1.4)`,
      );
    }
    const cursor = new ByteCursor(bytes);
    const frame = emptyFrame('dragino-ldds20');

    frame.batteryV = draginoBatteryV(cursor.u16be());
    const rawDistance = cursor.u16be();
    frame.details.interruptTriggered = cursor.u8() === 1;
    if (rawDistance === NO_PROBE_RAW) {
      frame.noEcho = true;
      frame.details.distanceStatus = 'no-sensor';
    } else if (rawDistance === INVALID_READING_RAW) {
      frame.noEcho = true;
      frame.details.distanceStatus = 'invalid-reading';
    } else {
      frame.distanceMm = rawDistance;
    }

    if (bytes.length === 8) {
      // The firmware sends 0 when no DS18B20 is fitted; an exact 0.0 °C reads as "no probe".
      const rawTemperature = cursor.i16be();
      frame.temperatureC = rawTemperature === 0 ? null : rawTemperature / 10;
      const probeConnected = cursor.u8() === 1;
      frame.details.probeConnected = probeConnected;
      if (!probeConnected && !frame.noEcho) {
        frame.noEcho = true;
        frame.details.distanceStatus = 'no-sensor';
      }
    }

    return accept(finishFrame(frame));
  },
});
