import { describe, expect, it } from 'vitest';
import { codecRegistry } from '../../src/lorawan/codec-registry.js';
import type { DecodeResult } from '../../src/lorawan/decode-result.js';
import type { DecodedFrame } from '../../src/lorawan/decoded-frame.js';
import { hexBytes } from './vector-files.js';

const decode = (model: string, fPort: number, hex: string): DecodeResult =>
  codecRegistry.decode(model, fPort, hexBytes(hex));

function frameOf(result: DecodeResult): DecodedFrame {
  if (!result.ok) throw new Error(`rejected: ${result.code}: ${result.reason}`);

  return result.frame;
}

describe('rejections every model shares', () => {
  it('refuses an unknown model and names the known ones', () => {
    const result = decode('acme-9000', 1, '00');

    expect(result).toMatchObject({ ok: false, code: 'unknown-model' });
    expect(!result.ok && result.reason).toContain('milesight-em310-udl');
  });

  it('finds a model whatever the case of its id', () => {
    expect(decode('Milesight-EM310-UDL', 85, '01755C').ok).toBe(true);
  });

  it('refuses a port the model does not use, and an empty payload', () => {
    expect(decode('milesight-em310-udl', 1, '01755C')).toMatchObject({ code: 'unknown-port' });
    expect(decode('milesight-em310-udl', 85, '')).toMatchObject({ code: 'empty-payload' });
  });
});

describe('Milesight record chains', () => {
  it('refuses a frame from another model instead of returning the part before it', () => {
    // EM400-MUD temperature record (0x03/0x67) is not an EM310-UDL record.
    const result = decode('milesight-em310-udl', 85, '01755C0367010104824408');

    expect(result).toMatchObject({ ok: false, code: 'unknown-record' });
    expect(!result.ok && result.reason).toContain('0x03/0x67');
  });

  it('refuses a record cut short and a stray trailing byte', () => {
    expect(decode('milesight-em310-udl', 85, '01755C038244')).toMatchObject({ code: 'truncated' });
    expect(decode('milesight-em310-udl', 85, '01755C03')).toMatchObject({ code: 'truncated' });
  });

  it('reads device-information records as a status frame', () => {
    const frame = frameOf(decode('milesight-em310-udl', 85, 'FF0101FF090140FF0A0114FF0F00'));

    expect(frame.kind).toBe('status');
    expect(frame.details).toEqual({
      protocolVersion: 1,
      hardwareVersion: '0140',
      firmwareVersion: '0114',
      lorawanClass: 0,
    });
  });

  it('reads negative EM400 temperatures', () => {
    // 0xFF9C = -100 tenths
    expect(frameOf(decode('milesight-em400-mud', 85, '03679CFF')).temperatureC).toBe(-10);
  });

  it('reads EM500-UDL distance alarms and history records', () => {
    const alarm = frameOf(decode('milesight-em500-udl', 85, '83E9D007F6FF01'));
    expect(alarm).toMatchObject({
      distanceMm: 2000,
      alarms: { distance: true },
      details: { alarmDistanceChangeMm: -10 },
    });

    // 2025-03-04T06:00:00Z = 1741068000 = 0x67C696E0, distance 0x04D2 = 1234
    const history = frameOf(decode('milesight-em500-udl', 85, '20CEE096C667D204'));
    expect(history.kind).toBe('status');
    expect(history.history).toEqual([{ tsMs: 1741068000000, distanceMm: 1234 }]);
  });
});

describe('Decentlab DL-MBX', () => {
  it('turns zero valid samples into no-echo, never into a distance', () => {
    const frame = frameOf(decode('decentlab-dl-mbx', 1, '02012F000304D200000BB1'));

    expect(frame).toMatchObject({ kind: 'measurement', noEcho: true, distanceMm: null });
    expect(frame.details.rawDistanceMm).toBe(1234);
  });

  it('refuses other protocol versions, unknown groups and a length the flags do not announce', () => {
    expect(decode('decentlab-dl-mbx', 1, '03012F00020BB1')).toMatchObject({
      code: 'unsupported-version',
    });
    expect(decode('decentlab-dl-mbx', 1, '02012F00060BB1')).toMatchObject({
      code: 'unknown-record',
    });
    expect(decode('decentlab-dl-mbx', 1, '02012F000304D200010B')).toMatchObject({
      code: 'wrong-length',
    });
  });
});

describe('Dragino', () => {
  it('LDDS20: raw 0 and raw 20 are no-echo with a status, not 0 mm or 20 mm', () => {
    const noSensor = frameOf(decode('dragino-ldds20', 2, '0D3B000000000001'));
    const invalid = frameOf(decode('dragino-ldds20', 2, '0D3B001400000001'));

    expect(noSensor).toMatchObject({ noEcho: true, distanceMm: null });
    expect(noSensor.details.distanceStatus).toBe('no-sensor');
    expect(invalid).toMatchObject({ noEcho: true, distanceMm: null });
    expect(invalid.details.distanceStatus).toBe('invalid-reading');
  });

  it('LDDS20: probe flag 0 means no probe even with a distance word', () => {
    const frame = frameOf(decode('dragino-ldds20', 2, '0D3B0AEF00000000'));

    expect(frame).toMatchObject({ noEcho: true, distanceMm: null });
  });

  it('LDDS20: reads the DS18B20 temperature, negative too, and the 5-byte frame', () => {
    expect(frameOf(decode('dragino-ldds20', 2, '0D3B0AEF00012C01')).temperatureC).toBe(30);
    expect(frameOf(decode('dragino-ldds20', 2, '0D3B0AEF00FF9C01')).temperatureC).toBe(-10);
    expect(frameOf(decode('dragino-ldds20', 2, '0D3B0AEF01'))).toMatchObject({
      distanceMm: 2799,
      temperatureC: null,
      details: { interruptTriggered: true },
    });
    expect(decode('dragino-ldds20', 2, '0D3B0AEF0000')).toMatchObject({ code: 'wrong-length' });
  });

  it('LDDS04: refuses the undecoded 0x03 ... 0x02 frame and wrong lengths', () => {
    expect(decode('dragino-ldds04', 2, '034A03160318031A031502')).toMatchObject({
      code: 'unknown-record',
    });
    expect(decode('dragino-ldds04', 2, '0D4A03160318031A0315')).toMatchObject({
      code: 'wrong-length',
    });
  });

  it('LDDS04: the interrupt flag does not leak into the battery voltage', () => {
    const frame = frameOf(decode('dragino-ldds04', 2, '8D4A03160318031A031501'));

    expect(frame.batteryV).toBeCloseTo(3.402, 6);
    expect(frame.details.interruptTriggered).toBe(true);
  });
});

describe('Dingtek DF702', () => {
  it('refuses bad framing, a length byte that disagrees, and an unknown frame type', () => {
    expect(decode('dingtek-df702', 3, '810001011107D000190000000000000081')).toMatchObject({
      code: 'bad-framing',
    });
    expect(decode('dingtek-df702', 3, '800001011207D000190000000000000081')).toMatchObject({
      code: 'wrong-length',
    });
    expect(decode('dingtek-df702', 3, '800001031107D000190000000000000081')).toMatchObject({
      code: 'unknown-record',
    });
    expect(decode('dingtek-df702', 3, '800001011107D0001900000000000081')).toMatchObject({
      code: 'wrong-length',
    });
  });

  it('reads alarms, angle magnitude and frame counter', () => {
    const frame = frameOf(decode('dingtek-df702', 3, '8000010111012C001E011410010007FF81'));

    expect(frame).toMatchObject({
      distanceMm: 300,
      temperatureC: 30,
      tiltDeg: 20,
      alarms: { full: true, fire: false, tilt: false, lowBattery: true },
      details: { angleNegative: true, deviceFrameCounter: 7 },
    });
  });
});

describe('Pepperl+Fuchs WILSEN.sonic.level', () => {
  it('skips an unknown element with a note and keeps the known ones', () => {
    const frame = frameOf(decode('pepperl-fuchs-wilsen-sonic-level', 1, '040B0206B6047F7FAABB'));

    expect(frame.distanceMm).toBe(1718);
    expect(frame.notes).toEqual(['skipped unknown element 0x7F7F (2 value bytes)']);
  });

  it('refuses an element whose length does not fit, or overruns the frame', () => {
    expect(decode('pepperl-fuchs-wilsen-sonic-level', 1, '050B0206B600')).toMatchObject({
      code: 'wrong-length',
    });
    expect(decode('pepperl-fuchs-wilsen-sonic-level', 1, '060B0206B6')).toMatchObject({
      code: 'truncated',
    });
    expect(decode('pepperl-fuchs-wilsen-sonic-level', 1, '010B')).toMatchObject({
      code: 'bad-framing',
    });
  });

  it('refuses half a GPS position', () => {
    expect(decode('pepperl-fuchs-wilsen-sonic-level', 1, '06500102F4006F')).toMatchObject({
      code: 'bad-value',
    });
  });
});
