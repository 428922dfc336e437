import { describe, expect, it } from 'vitest';
import { decodeUplink } from '../../src/lorawan/decode-uplink.js';
import { parseObjectMappings } from '../../src/lorawan/object-mapping.js';
import { parseUplink } from '../../src/lorawan/parse-uplink.js';
import { loraReadingFields } from '../../src/lorawan/reading-fields.js';
import { envelopeFixture } from './vector-files.js';

function uplinkOf(file: string) {
  const fixture = envelopeFixture(file);
  const result = parseUplink(
    file.startsWith('ttn') ? 'ttn' : 'chirpstack',
    fixture.topic,
    JSON.stringify(fixture.payload),
  );
  if (!result.ok) throw new Error(result.reason);

  return result.uplink;
}

const mappings = parseObjectMappings({
  'acme-em400-clone': {
    distanceMm: 'distance',
    batteryPct: 'battery',
    temperatureC: 'temperature',
  },
  'milesight-em310-udl': { distanceMm: { path: 'distance', scale: 1000 } },
});
if (!mappings.ok) throw new Error(mappings.reason);

describe('decodeUplink', () => {
  it('uses the server object only for a model without a codec, through its mapping', () => {
    const result = decodeUplink(uplinkOf('chirpstack-uplink-decoded.json'), 'ACME-EM400-clone', {
      objectMappings: mappings.mappings,
    });

    expect(result.ok && result.frame).toMatchObject({
      origin: 'server-object',
      distanceMm: 2116,
      batteryPct: 92,
      temperatureC: 25.7,
    });
  });

  it('prefers our codec over a mapping configured for the same model', () => {
    const result = decodeUplink(uplinkOf('ttn-uplink-decoded.json'), 'milesight-em310-udl', {
      objectMappings: mappings.mappings,
    });

    expect(result.ok && result.frame).toMatchObject({ origin: 'codec', distanceMm: 2116 });
  });

  it('does not fall back to the server object when our codec refuses the frame', () => {
    // The EM310 bytes are not an EM400 frame; the server object would have "worked".
    const result = decodeUplink(uplinkOf('ttn-uplink-decoded.json'), 'milesight-em400-mud');

    expect(result).toMatchObject({ ok: false, code: 'unknown-record' });
  });

  it('refuses a model with neither codec nor mapping, and a mapped model without an object', () => {
    expect(decodeUplink(uplinkOf('ttn-uplink-raw.json'), 'acme-9000')).toMatchObject({
      code: 'unknown-model',
    });
    expect(
      decodeUplink(uplinkOf('ttn-uplink-raw.json'), 'acme-em400-clone', {
        objectMappings: mappings.mappings,
      }),
    ).toMatchObject({ code: 'missing-object' });
  });
});

describe('loraReadingFields', () => {
  it('fills the Reading fields an uplink determines', () => {
    const uplink = uplinkOf('ttn-uplink-two-gateways.json');
    const decoded = decodeUplink(uplink, 'decentlab-dl-mbx');
    if (!decoded.ok) throw new Error(decoded.reason);

    expect(loraReadingFields(uplink, decoded.frame)).toEqual({
      ts: Date.parse('2025-03-04T06:30:10.150772364Z'),
      seq: 9051,
      distanceMm: 1234,
      batteryPct: null,
      batteryV: 2.993,
      temperatureC: null,
      tiltDeg: null,
      rssi: -88,
      snr: 9.5,
      gateways: 2,
      source: 'ttn',
      dedupeKey: expect.stringMatching(/^lora:f1e2d3c4b5a60003:9051:1:/),
    });
  });
});
