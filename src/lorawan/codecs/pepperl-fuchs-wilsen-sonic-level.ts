import { ByteCursor, roundTo } from '../byte-cursor.js';
import { defineCodec } from '../codec.js';
import { accept, FrameRejectedError, hex, reject } from '../decode-result.js';
import { type DecodedFrame, emptyFrame, finishFrame } from '../decoded-frame.js';

/**
 * Pepperl+Fuchs WILSEN.sonic.level, FPort 1: a sequence of elements, each
 *   length L (1) | element id (2, BE) | L - 2 value bytes.
 * Because every element states its length, an unknown id can be stepped over safely: it is
 * skipped with a note instead of refusing the frame (unlike Milesight's length-less chain).
 */
interface Position {
  lat?: number;
  lon?: number;
}

const PROXIMITY_CM = 0x0b01;
const PROXIMITY_MM = 0x0b02;
const FILL_PCT = 0x0b06;
const ECHO_AMPLITUDE = 0x0b07;
const TEMPERATURE = 0x0201;
const BATTERY = 0x5101;
const LATITUDE = 0x5001;
const LONGITUDE = 0x5002;
const SERIAL_NUMBER = 0x2a25;
const LORA_TX_COUNT = 0x3101;
const GPS_FIX_COUNT = 0x3102;
const ULTRASONIC_COUNT = 0x3103;

/** Value size in bytes of each element we read; null = variable length (text). */
const VALUE_SIZES = new Map<number, number | null>([
  [PROXIMITY_CM, 2],
  [PROXIMITY_MM, 2],
  [FILL_PCT, 1],
  [ECHO_AMPLITUDE, 1],
  [TEMPERATURE, 4],
  [BATTERY, 1],
  [LATITUDE, 4],
  [LONGITUDE, 4],
  [SERIAL_NUMBER, null],
  [LORA_TX_COUNT, 2],
  [GPS_FIX_COUNT, 2],
  [ULTRASONIC_COUNT, 4],
]);

function readValue(id: number, value: ByteCursor, frame: DecodedFrame, position: Position): void {
  const { details } = frame;
  switch (id) {
    case PROXIMITY_CM:
      frame.distanceMm = value.u16be() * 10;
      break;
    case PROXIMITY_MM:
      frame.distanceMm = value.u16be();
      break;
    case FILL_PCT:
      frame.deviceFillPct = value.u8();
      break;
    case ECHO_AMPLITUDE:
      details.echoAmplitude = value.u8();
      break;
    case TEMPERATURE:
      frame.temperatureC = roundTo(value.f32be(), 1);
      break;
    case BATTERY:
      frame.batteryV = value.u8() / 10;
      break;
    case LATITUDE:
      position.lat = value.i32be() / 1e6;
      break;
    case LONGITUDE:
      position.lon = value.i32be() / 1e6;
      break;
    case SERIAL_NUMBER:
      details.serialNumber = asciiz(value.take(value.remaining));
      break;
    case LORA_TX_COUNT:
      details.loraTxCount = value.u16be();
      break;
    case GPS_FIX_COUNT:
      details.gpsFixCount = value.u16be();
      break;
    case ULTRASONIC_COUNT:
      details.ultrasonicCount = value.u32be();
      break;
  }
}

function asciiz(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);

  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('latin1');
}

function isConfigAck(id: number): boolean {
  const group = id >> 8;

  return group >= 0xf1 && group <= 0xf5;
}

function readElement(cursor: ByteCursor, frame: DecodedFrame, position: Position): void {
  const at = cursor.position;
  const length = cursor.u8();
  if (length < 2) {
    throw new FrameRejectedError(
      'bad-framing',
      `element at offset ${at} has length ${length} (< 2)`,
    );
  }
  const body = new ByteCursor(cursor.take(length));
  const id = body.u16be();
  const valueLength = length - 2;
  const size = VALUE_SIZES.get(id);

  if (size === undefined) {
    const what = isConfigAck(id) ? 'configuration acknowledgement' : 'unknown element';
    frame.notes.push(`skipped ${what} ${hex(id, 4)} (${valueLength} value bytes)`);
    return;
  }
  if (size !== null && size !== valueLength) {
    throw new FrameRejectedError(
      'wrong-length',
      `element ${hex(id, 4)} carries ${valueLength} value bytes, expected ${size}`,
    );
  }
  readValue(id, body, frame, position);
}

export const pepperlFuchsWilsenSonicLevel = defineCodec({
  id: 'pepperl-fuchs-wilsen-sonic-level',
  vendor: 'Pepperl+Fuchs',
  model: 'WILSEN.sonic.level',
  ports: [1],
  summary: 'distance cm or mm, device fill % or echo amplitude, °C, battery V, GPS, counters',
  lowBatteryV: null,
  decodeFrame(_fPort, bytes) {
    const cursor = new ByteCursor(bytes);
    const frame = emptyFrame('pepperl-fuchs-wilsen-sonic-level');
    const position: Position = {};
    while (cursor.remaining > 0) readElement(cursor, frame, position);

    if ((position.lat === undefined) !== (position.lon === undefined)) {
      return reject('bad-value', 'GPS position has only one of latitude and longitude');
    }
    if (position.lat !== undefined && position.lon !== undefined) {
      frame.location = { lat: position.lat, lon: position.lon };
    }

    return accept(finishFrame(frame));
  },
});
