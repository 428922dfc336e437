import { describe, expect, it } from 'vitest';
import { ENCODERS, encoderFor } from '../../firmware-sim/lorawan/encoders/index.js';
import type { SimReading } from '../../firmware-sim/lorawan/sim-reading.js';
import { toHex } from '../../src/lorawan/byte-cursor.js';
import { codecRegistry } from '../../src/lorawan/codec-registry.js';
import type { DecodedFrame } from '../../src/lorawan/decoded-frame.js';

function decoded(model: string, reading: SimReading): DecodedFrame {
  const { fPort, bytes } = encoderFor(model)(reading);
  const result = codecRegistry.decode(model, fPort, bytes);
  if (!result.ok) throw new Error(`${model}: ${result.code}: ${result.reason}`);

  return result.frame;
}

describe('simulator encoders', () => {
  it('cover every codec', () => {
    expect(Object.keys(ENCODERS).sort()).toEqual(codecRegistry.list().map((c) => c.id));
  });

  it('reproduce the published vector bytes from the vector values', () => {
    const cases: Array<[string, SimReading, string]> = [
      [
        'milesight-em310-udl',
        { distanceMm: 2116, batteryPct: 92, tilted: true },
        '01755C03824408040001',
      ],
      [
        'milesight-em400-mud',
        { distanceMm: 2116, batteryPct: 92, temperatureC: 25.7, tilted: true },
        '01755C0367010104824408050001',
      ],
      ['milesight-em500-udl', { distanceMm: 30, batteryPct: 100 }, '01756403821E00'],
      ['decentlab-dl-mbx', { distanceMm: 1234, batteryV: 2.993 }, '02012F000304D200010BB1'],
      [
        'dragino-ldds20',
        { distanceMm: 2799, batteryV: 3.387, temperatureC: 0 },
        '0D3B0AEF00000001',
      ],
      [
        'dragino-ldds04',
        { distanceMm: 790, extraProbesMm: [792, 794, 789], batteryV: 3.402 },
        '0D4A03160318031A031501',
      ],
      [
        'dingtek-df702',
        { distanceMm: 2000, temperatureC: 25 },
        '800001011107D000190000000000000081',
      ],
      [
        'pepperl-fuchs-wilsen-sonic-level',
        { distanceMm: 1718, fillPct: 60, temperatureC: 22.7, batteryV: 3.6 },
        '040B0206B6030B063C06020141B5999A03510124',
      ],
    ];
    for (const [model, reading, hex] of cases) {
      expect(toHex(encoderFor(model)(reading).bytes), model).toBe(hex);
    }
  });

  it('round-trip a range of readings through our codecs', () => {
    const distances = [250, 731, 1299, 2116, 4500];
    for (const [index, distanceMm] of distances.entries()) {
      const batteryPct = 100 - index * 20;
      const batteryV = 3.6 - index * 0.2;
      const temperatureC = 24 + index * 3.5;

      expect(
        decoded('milesight-em310-udl', { distanceMm, batteryPct, tilted: false }),
      ).toMatchObject({ distanceMm, batteryPct, tilted: false });
      expect(
        decoded('milesight-em400-mud', { distanceMm, batteryPct, temperatureC, tilted: true }),
      ).toMatchObject({ distanceMm, batteryPct, temperatureC, tilted: true });
      expect(decoded('milesight-em500-udl', { distanceMm, batteryPct })).toMatchObject({
        distanceMm,
        batteryPct,
      });
      expect(decoded('decentlab-dl-mbx', { distanceMm, batteryV })).toMatchObject({
        distanceMm,
        batteryV: expect.closeTo(batteryV, 6),
      });
      expect(decoded('dragino-ldds20', { distanceMm, batteryV, temperatureC })).toMatchObject({
        distanceMm,
        batteryV: expect.closeTo(batteryV, 6),
        temperatureC: expect.closeTo(temperatureC, 6),
      });
      expect(
        decoded('dragino-ldds04', { distanceMm, batteryV, extraProbesMm: [distanceMm + 1, 0, 9] }),
      ).toMatchObject({ distanceMm, probeDistancesMm: [distanceMm, distanceMm + 1, 0, 9] });
      expect(
        decoded('dingtek-df702', { distanceMm, temperatureC: 31, tiltDeg: -12, tilted: true }),
      ).toMatchObject({ distanceMm, temperatureC: 31, tiltDeg: 12, alarms: { tilt: true } });
      expect(
        decoded('pepperl-fuchs-wilsen-sonic-level', { distanceMm, temperatureC, batteryV: 3.4 }),
      ).toMatchObject({ distanceMm, temperatureC: expect.closeTo(temperatureC, 1), batteryV: 3.4 });
    }
  });

  it('send no-echo the way each model does, and the codecs or the gate catch it', () => {
    const silent: SimReading = { distanceMm: null, batteryPct: 90, batteryV: 3.5 };

    expect(decoded('decentlab-dl-mbx', silent)).toMatchObject({ noEcho: true, distanceMm: null });
    expect(decoded('dragino-ldds20', silent)).toMatchObject({ noEcho: true, distanceMm: null });
    // Models without a no-echo code send 0 mm, which the quality gate reads as no-echo.
    expect(decoded('milesight-em310-udl', silent).distanceMm).toBe(0);
    expect(decoded('pepperl-fuchs-wilsen-sonic-level', silent)).toMatchObject({
      distanceMm: 0,
      details: { echoAmplitude: 0 },
    });
  });
});
