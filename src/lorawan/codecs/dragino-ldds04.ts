import { ByteCursor } from '../byte-cursor.js';
import { defineCodec } from '../codec.js';
import { accept, reject } from '../decode-result.js';
import { emptyFrame, finishFrame } from '../decoded-frame.js';
import { DRAGINO_LOW_BATTERY_V, draginoBatteryV } from './dragino-battery.js';

/**
 * Dragino LDDS04, four ultrasonic probes on one node, FPort 2, 11 bytes:
 *   battery mV (2, BE; bit 7 of byte 0 = external-interrupt flag) | 4 × distance mm (2, BE)
 *   | message type (1)
 * Probe 1 is the primary distance; all four are kept in `probeDistancesMm`.
 */
const FRAME_LENGTH = 11;

export const draginoLdds04 = defineCodec({
  id: 'dragino-ldds04',
  vendor: 'Dragino',
  model: 'LDDS04',
  ports: [2],
  summary: 'four probe distances mm, battery V, interrupt flag, message type',
  lowBatteryV: DRAGINO_LOW_BATTERY_V,
  decodeFrame(_fPort, bytes) {
    if (bytes.length !== FRAME_LENGTH) {
      return reject('wrong-length', `${bytes.length} bytes; LDDS04 frames are ${FRAME_LENGTH}`);
    }
    // The vendor decoder leaves this byte pattern undecoded: it is not a measurement frame.
    if (bytes[0] === 0x03 && bytes[10] === 0x02) {
      return reject('unknown-record', 'frame type 0x02 with header 0x03 is not a distance frame');
    }

    const cursor = new ByteCursor(bytes);
    const frame = emptyFrame('dragino-ldds04');
    const batteryWord = cursor.u16be();
    frame.batteryV = draginoBatteryV(batteryWord);
    frame.details.interruptTriggered = (batteryWord & 0x8000) !== 0;
    frame.probeDistancesMm = [cursor.u16be(), cursor.u16be(), cursor.u16be(), cursor.u16be()];
    frame.distanceMm = frame.probeDistancesMm[0]!;
    frame.details.messageType = cursor.u8();

    return accept(finishFrame(frame));
  },
});
