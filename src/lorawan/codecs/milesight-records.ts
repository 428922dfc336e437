import { ByteCursor, toHex } from '../byte-cursor.js';
import { accept, type DecodeResult, hex, reject } from '../decode-result.js';
import { type DecodedFrame, emptyFrame, finishFrame } from '../decoded-frame.js';

/**
 * Milesight uplinks are a chain of records: channel id (1 byte), channel type (1 byte), then a
 * value whose size the pair determines. The chain has no length fields, so an unknown pair
 * leaves us unable to find the next record: we refuse the whole frame rather than pass on the
 * part before it (a frame from another Milesight model would otherwise half-decode).
 */
export interface MilesightRecord {
  /** Value size in bytes. */
  size: number;
  read(cursor: ByteCursor, frame: DecodedFrame): void;
}

export type MilesightRecordTable = ReadonlyMap<number, MilesightRecord>;

export function recordKey(channelId: number, channelType: number): number {
  return (channelId << 8) | channelType;
}

function info(name: string, size: number, asText: (bytes: Uint8Array) => string | number) {
  return {
    size,
    read(cursor: ByteCursor, frame: DecodedFrame) {
      frame.details[name] = asText(cursor.take(size));
    },
  };
}

function secondsLe(name: string): MilesightRecord {
  return {
    size: 2,
    read(cursor, frame) {
      frame.details[name] = cursor.u16le();
    },
  };
}

/**
 * Device-information records common to Milesight's EM series (sent after a join or a reset) and
 * the replies to interval downlinks. Versions and serials are kept as hex: they are for a
 * technician to read, not to compute with.
 */
export const MILESIGHT_DEVICE_RECORDS: ReadonlyArray<[number, MilesightRecord]> = [
  [recordKey(0xff, 0x01), info('protocolVersion', 1, (b) => b[0]!)],
  [recordKey(0xff, 0x09), info('hardwareVersion', 2, toHex)],
  [recordKey(0xff, 0x0a), info('firmwareVersion', 2, toHex)],
  [recordKey(0xff, 0xff), info('tslVersion', 2, toHex)],
  [recordKey(0xff, 0x16), info('serialNumber', 8, toHex)],
  [recordKey(0xff, 0x0f), info('lorawanClass', 1, (b) => b[0]!)],
  [recordKey(0xff, 0xfe), info('resetEvent', 1, (b) => b[0]!)],
  [recordKey(0xff, 0x0b), info('deviceStatus', 1, (b) => b[0]!)],
  [recordKey(0xfe, 0x02), secondsLe('collectionIntervalS')],
  [recordKey(0xff, 0x02), secondsLe('collectionIntervalS')],
  [recordKey(0xfe, 0x03), secondsLe('reportIntervalS')],
  [recordKey(0xff, 0x03), secondsLe('reportIntervalS')],
];

export const batteryPctRecord: MilesightRecord = {
  size: 1,
  read(cursor, frame) {
    frame.batteryPct = cursor.u8();
  },
};

export const distanceMmRecord: MilesightRecord = {
  size: 2,
  read(cursor, frame) {
    frame.distanceMm = cursor.u16le();
  },
};

/** Position switch from the accelerometer: 0 = normal, 1 = tilted (lid open, bin knocked over). */
export const positionRecord: MilesightRecord = {
  size: 1,
  read(cursor, frame) {
    const value = cursor.u8();
    if (value > 1) {
      frame.notes.push(`position value ${value} is neither 0 (normal) nor 1 (tilt)`);
    }
    frame.tilted = value !== 0;
  },
};

export function decodeMilesightChain(
  modelId: string,
  modelName: string,
  table: MilesightRecordTable,
  bytes: Uint8Array,
): DecodeResult {
  const cursor = new ByteCursor(bytes);
  const frame = emptyFrame(modelId);

  while (cursor.remaining > 0) {
    const at = cursor.position;
    if (cursor.remaining < 2) {
      return reject('truncated', `a single stray byte at offset ${at} where a record should start`);
    }
    const channelId = cursor.u8();
    const channelType = cursor.u8();
    const record = table.get(recordKey(channelId, channelType));
    if (record === undefined) {
      return reject(
        'unknown-record',
        `record ${hex(channelId)}/${hex(channelType)} at offset ${at} is not a ${modelName} ` +
          'record (frame from another model, or newer firmware?)',
      );
    }
    record.read(cursor, frame);
  }

  return accept(finishFrame(frame));
}
