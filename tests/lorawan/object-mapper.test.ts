import { describe, expect, it } from 'vitest';
import { mapDecodedObject } from '../../src/lorawan/object-mapper.js';
import { type ObjectMapping, parseObjectMappings } from '../../src/lorawan/object-mapping.js';
import { envelopeFixture, loadVectorFiles } from './vector-files.js';

function mappingFor(config: unknown): ObjectMapping {
  const parsed = parseObjectMappings({ model: config });
  if (!parsed.ok) throw new Error(parsed.reason);

  return parsed.mappings.model!;
}

function vendorOutput(fileId: string, index: number): Record<string, unknown> {
  const file = loadVectorFiles().find((f) => f.id === fileId)!;

  return file.examples[index]!.expected!;
}

describe('decoded-object fallback mapping', () => {
  it('scales metres to millimetres (EM500-UDL device-repository codec output)', () => {
    const mapping = mappingFor({
      distanceMm: { path: 'distance', scale: 1000 },
      batteryPct: 'battery',
    });
    const result = mapDecodedObject('em500-like', vendorOutput('milesight-em500-udl', 0), mapping);

    expect(result.ok && result.frame).toMatchObject({
      origin: 'server-object',
      kind: 'measurement',
      distanceMm: expect.closeTo(30, 6),
      batteryPct: 100,
    });
  });

  it('reads numbers out of unit strings (DF702 codec output)', () => {
    const mapping = mappingFor({
      distanceMm: 'level',
      temperatureC: 'temperature',
      tilted: { path: 'tilt' },
    });
    const result = mapDecodedObject('df702-like', vendorOutput('dingtek-df702', 0), mapping);

    expect(result.ok && result.frame).toMatchObject({
      distanceMm: 2000,
      temperatureC: 25,
      tilted: false,
    });
  });

  it('follows dotted paths into { value, unit } objects (DL-MBX codec output)', () => {
    const mapping = mappingFor({ distanceMm: 'distance.value', batteryV: 'battery_voltage.value' });
    const result = mapDecodedObject('mbx-like', vendorOutput('decentlab-dl-mbx', 0), mapping);

    expect(result.ok && result.frame).toMatchObject({ distanceMm: 1234, batteryV: 2.993 });
  });

  it('takes ChirpStack floats as they come (EM400-MUD object)', () => {
    const object = envelopeFixture('chirpstack-uplink-decoded.json').payload.object as Record<
      string,
      unknown
    >;
    const mapping = mappingFor({
      distanceMm: 'distance',
      batteryPct: 'battery',
      tilted: { path: 'position', equals: ['tilt'] },
    });
    const result = mapDecodedObject('em400-like', object, mapping);

    expect(result.ok && result.frame).toMatchObject({
      distanceMm: 2116,
      batteryPct: 92,
      tilted: true,
    });
  });

  it('maps a no-echo flag to an unknown level, not a distance', () => {
    const mapping = mappingFor({
      distanceMm: 'Distance',
      noEcho: { path: 'Distance', equals: ['No Sensor', 'Invalid Reading'] },
    });
    const noSensor = mapDecodedObject('ldds-like', { Distance: 'No Sensor' }, mapping);
    const measured = mapDecodedObject('ldds-like', { Distance: '2799 mm' }, mapping);

    expect(noSensor.ok && noSensor.frame).toMatchObject({
      kind: 'measurement',
      noEcho: true,
      distanceMm: null,
    });
    expect(measured.ok && measured.frame).toMatchObject({ noEcho: false, distanceMm: 2799 });
  });

  it('refuses a missing object, a non-numeric field and an object without mapped fields', () => {
    const mapping = mappingFor({ distanceMm: 'distance' });

    expect(mapDecodedObject('m', null, mapping)).toMatchObject({ code: 'missing-object' });
    expect(mapDecodedObject('m', { distance: 'far' }, mapping)).toMatchObject({
      code: 'bad-object-field',
    });
    const empty = mapDecodedObject('m', { other: 1 }, mapping);
    expect(empty).toMatchObject({ code: 'bad-object-field' });
    expect(!empty.ok && empty.reason).toContain('other');
  });

  it('rejects bad mapping configuration with the model and field named', () => {
    const bad = parseObjectMappings({ acme: { distanceMm: { path: 'd', scale: 0 } } });
    const unknownField = parseObjectMappings({ acme: { distance: 'd' } });
    const empty = parseObjectMappings({ acme: {} });

    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.reason).toContain('acme');
    expect(unknownField.ok).toBe(false);
    expect(empty.ok).toBe(false);
  });
});
