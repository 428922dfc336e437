import { ByteCursor, roundTo } from '../byte-cursor.js';
import { defineCodec } from '../codec.js';
import { accept, type DecodeResult, hex, reject } from '../decode-result.js';
import { type DecodedFrame, emptyFrame, finishFrame } from '../decoded-frame.js';

/**
 * Dingtek DF702 waste-bin detector, FPort 3. Frames are framed 0x80 ... 0x81, byte 3 is the frame
 * type and byte 4 the total length:
 *   17 bytes, type 0x01: measurement without GPS
 *   25 bytes, type 0x01: measurement with GPS (little-endian float32 longitude, latitude)
 *   25 bytes, type 0x03: parameter report (no level)
 */
const START = 0x80;
const END = 0x81;
const MEASUREMENT = 0x01;
const PARAMETERS = 0x03;
const SHORT_LENGTH = 17;
const GPS_LENGTH = 25;

function readLevelAndAlarms(cursor: ByteCursor, frame: DecodedFrame, withGps: boolean): void {
  frame.distanceMm = cursor.u16be();
  const gpsFlag = cursor.u8();
  if (withGps) {
    const lon = cursor.f32le();
    const lat = cursor.f32le();
    frame.location = { lat: roundTo(lat, 6), lon: roundTo(lon, 6) };
  } else if (gpsFlag !== 0) {
    frame.notes.push(`GPS flag ${gpsFlag} in a 17-byte frame that has no room for a position`);
  }

  frame.temperatureC = cursor.u8();
  const angleSign = cursor.u8();
  frame.tiltDeg = cursor.u8();
  frame.details.angleNegative = angleSign !== 0;

  const fullFire = cursor.u8();
  const tiltBattery = cursor.u8();
  frame.alarms.full = fullFire >> 4 !== 0;
  frame.alarms.fire = (fullFire & 0x0f) !== 0;
  frame.alarms.tilt = tiltBattery >> 4 !== 0;
  frame.alarms.lowBattery = (tiltBattery & 0x0f) !== 0;
  frame.details.deviceFrameCounter = cursor.u16be();
}

function readParameters(cursor: ByteCursor, frame: DecodedFrame): void {
  frame.details.firmwareVersion = cursor.u16be().toString(16).toUpperCase().padStart(4, '0');
  frame.details.reportIntervalH = cursor.u8();
  frame.details.detectionIntervalMin = cursor.u8();
  frame.details.fullAlarmThresholdCm = cursor.u8();
  frame.details.fireAlarmThresholdC = cursor.u8();
  frame.details.tiltAlarmThresholdDeg = cursor.u8();
  frame.details.tiltDetectionEnabled = cursor.u8() !== 0;
  frame.details.ultrasonicRangeMm = cursor.u8() === 0 ? 2000 : 5000;
}

function decodeDf702(bytes: Uint8Array): DecodeResult {
  if (bytes.length !== SHORT_LENGTH && bytes.length !== GPS_LENGTH) {
    return reject(
      'wrong-length',
      `${bytes.length} bytes; DF702 frames are ${SHORT_LENGTH} or ${GPS_LENGTH}`,
    );
  }
  if (bytes[0] !== START || bytes[bytes.length - 1] !== END) {
    return reject('bad-framing', `frame must start with ${hex(START)} and end with ${hex(END)}`);
  }
  const declaredLength = bytes[4]!;
  if (declaredLength !== bytes.length) {
    return reject(
      'wrong-length',
      `length byte says ${declaredLength} bytes but the frame has ${bytes.length}`,
    );
  }

  const frameType = bytes[3]!;
  const isParameters = frameType === PARAMETERS && bytes.length === GPS_LENGTH;
  if (frameType !== MEASUREMENT && !isParameters) {
    return reject(
      'unknown-record',
      `frame type ${hex(frameType)} in a ${bytes.length}-byte frame is not known`,
    );
  }

  const cursor = new ByteCursor(bytes.subarray(5, bytes.length - 1));
  const frame = emptyFrame('dingtek-df702');
  if (isParameters) readParameters(cursor, frame);
  else readLevelAndAlarms(cursor, frame, bytes.length === GPS_LENGTH);

  return accept(finishFrame(frame));
}

export const dingtekDf702 = defineCodec({
  id: 'dingtek-df702',
  vendor: 'Dingtek',
  model: 'DF702',
  ports: [3],
  summary: 'distance mm, temperature °C, tilt angle, full/fire/tilt/low-battery alarms, GPS',
  lowBatteryV: null,
  decodeFrame: (_fPort, bytes) => decodeDf702(bytes),
});
