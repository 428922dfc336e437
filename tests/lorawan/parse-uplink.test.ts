import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/lorawan/byte-cursor.js';
import { codecRegistry } from '../../src/lorawan/codec-registry.js';
import { decodeUplink } from '../../src/lorawan/decode-uplink.js';
import { parseUplink } from '../../src/lorawan/parse-uplink.js';
import type { LoraUplink, NetworkServer } from '../../src/lorawan/uplink.js';
import {
  envelopeFixture,
  hexBytes,
  loadEnvelopeFixtures,
  loadVectorFiles,
} from './vector-files.js';

/** Which vector model each envelope fixture carries (named in its description). */
const FIXTURE_MODELS: Record<string, { model: string; example: number }> = {
  'ttn-uplink-decoded.json': { model: 'milesight-em310-udl', example: 0 },
  'ttn-uplink-raw.json': { model: 'dragino-ldds20', example: 0 },
  'ttn-uplink-two-gateways.json': { model: 'decentlab-dl-mbx', example: 0 },
  'chirpstack-uplink-decoded.json': { model: 'milesight-em400-mud', example: 0 },
  'chirpstack-uplink-raw.json': { model: 'dingtek-df702', example: 0 },
  'chirpstack-uplink-two-gateways.json': { model: 'pepperl-fuchs-wilsen-sonic-level', example: 1 },
};

const sourceOf = (file: string): NetworkServer => (file.startsWith('ttn') ? 'ttn' : 'chirpstack');

function parseOk(source: NetworkServer, topic: string, body: unknown): LoraUplink {
  const result = parseUplink(source, topic, JSON.stringify(body));
  if (!result.ok) throw new Error(`${result.code}: ${result.reason}`);

  return result.uplink;
}

function fixtureUplink(file: string): LoraUplink {
  const fixture = envelopeFixture(file);

  return parseOk(sourceOf(file), fixture.topic, fixture.payload);
}

describe('every network-server envelope fixture', () => {
  const vectors = loadVectorFiles();

  for (const fixture of loadEnvelopeFixtures()) {
    it(`${fixture.file}: parses and decodes to the same frame as its vector`, () => {
      const { model, example } = FIXTURE_MODELS[fixture.file]!;
      const vector = vectors.find((v) => v.id === model)!.examples[example]!;
      const uplink = parseOk(sourceOf(fixture.file), fixture.topic, fixture.payload);

      expect(toHex(uplink.payload)).toBe(vector.bytesHex);
      expect(uplink.fPort).toBe(vector.fPort);
      expect(uplink.devEui).toMatch(/^[0-9a-f]{16}$/);

      const viaEnvelope = decodeUplink(uplink, model);
      const direct = codecRegistry.decode(model, vector.fPort, hexBytes(vector.bytesHex));
      expect(viaEnvelope.ok).toBe(true);
      expect(viaEnvelope).toEqual(direct);
    });
  }
});

describe('TTN v3 envelopes', () => {
  it('extracts identity, counters, time, signal and the as:up id', () => {
    const uplink = fixtureUplink('ttn-uplink-decoded.json');

    expect(uplink).toMatchObject({
      source: 'ttn',
      devEui: 'f1e2d3c4b5a60001',
      deviceName: 'bin-em310-0001',
      applicationId: 'pesan-ibu-bins',
      tenantId: 'ttn',
      devAddr: '260b1a01',
      sessionKeyId: 'AZb0c1NpZXNhbklidURlbW8=',
      fPort: 85,
      fCnt: 1842,
      rssi: -97,
      snr: 6.25,
      gatewayCount: 1,
      serverDedupId: 'as:up:01JNJ7Q2D4Q0PESANIBU000001',
      deviceProfile: 'milesight-iot/em310-udl',
      decodedObject: { battery: 92, distance: 2116, position: 'tilt' },
    });
    expect(new Date(uplink.receivedAtMs).toISOString()).toBe('2025-03-04T06:15:02.198Z');
  });

  it('keeps the best of two gateways and counts both', () => {
    const uplink = fixtureUplink('ttn-uplink-two-gateways.json');

    expect(uplink).toMatchObject({ rssi: -88, snr: 9.5, gatewayCount: 2 });
  });

  it('has no decoded object when the server ran no formatter', () => {
    expect(fixtureUplink('ttn-uplink-raw.json').decodedObject).toBeNull();
  });

  it('reads omitted f_cnt, snr and frm_payload as 0 / empty (first uplink after a join)', () => {
    const fixture = envelopeFixture('ttn-uplink-raw.json');
    const body = structuredClone(fixture.payload) as {
      uplink_message: Record<string, unknown> & { rx_metadata: Record<string, unknown>[] };
    };
    delete body.uplink_message.f_cnt;
    delete body.uplink_message.frm_payload;
    delete body.uplink_message.rx_metadata[0]!.snr;

    const uplink = parseOk('ttn', fixture.topic, body);
    expect(uplink).toMatchObject({ fCnt: 0, snr: 0, rssi: -109 });
    expect(uplink.payload).toHaveLength(0);
    expect(decodeUplink(uplink, 'dragino-ldds20')).toMatchObject({ code: 'empty-payload' });
  });

  it('accepts the open-source stack topic without a tenant', () => {
    const fixture = envelopeFixture('ttn-uplink-raw.json');
    const uplink = parseOk('ttn', 'v3/pesan-ibu-bins/devices/bin-ldds20-0002/up', fixture.payload);

    expect(uplink.tenantId).toBeNull();
  });
});

describe('ChirpStack v4 envelopes', () => {
  it('extracts identity, counters, time, signal and the deduplication id', () => {
    const uplink = fixtureUplink('chirpstack-uplink-decoded.json');

    expect(uplink).toMatchObject({
      source: 'chirpstack',
      devEui: 'f1e2d3c4b5a60004',
      deviceName: 'bin-em400-0004',
      applicationId: 'c0ffee00-5e5a-4b1b-9a0e-70b1b0000001',
      devAddr: '01ab2c04',
      sessionKeyId: null,
      fPort: 85,
      fCnt: 512,
      rssi: -101,
      snr: 4.8,
      gatewayCount: 1,
      serverDedupId: '5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b5c01',
      deviceProfile: 'Milesight EM400-MUD',
    });
    expect(new Date(uplink.receivedAtMs).toISOString()).toBe('2025-03-04T06:40:12.518Z');
  });

  it('keeps the best of two gateways and counts both', () => {
    const uplink = fixtureUplink('chirpstack-uplink-two-gateways.json');

    expect(uplink).toMatchObject({ rssi: -93, snr: 7.5, gatewayCount: 2 });
  });

  it('takes integers written as floats and numbers written as strings', () => {
    const fixture = envelopeFixture('chirpstack-uplink-raw.json');
    const text = JSON.stringify(fixture.payload)
      .replace('"fCnt":77', '"fCnt":77.0')
      .replace('"fPort":3', '"fPort":"3"');
    const result = parseUplink('chirpstack', fixture.topic, Buffer.from(text));

    expect(result.ok && result.uplink).toMatchObject({ fCnt: 77, fPort: 3 });
  });

  it('reads an omitted fCnt as 0 and an omitted object as null', () => {
    const fixture = envelopeFixture('chirpstack-uplink-decoded.json');
    const body = structuredClone(fixture.payload);
    delete body.fCnt;
    delete body.object;

    expect(parseOk('chirpstack', fixture.topic, body)).toMatchObject({
      fCnt: 0,
      decodedObject: null,
    });
  });

  it('matches the topic DevEUI whatever its case, and accepts a custom topic template', () => {
    const fixture = envelopeFixture('chirpstack-uplink-raw.json');
    const upper = fixture.topic.replace('f1e2d3c4b5a60005', 'F1E2D3C4B5A60005');

    expect(parseUplink('chirpstack', upper, JSON.stringify(fixture.payload)).ok).toBe(true);
    expect(parseUplink('chirpstack', 'serang/lora/up', JSON.stringify(fixture.payload)).ok).toBe(
      true,
    );
  });
});

describe('refused envelopes', () => {
  const ttn = envelopeFixture('ttn-uplink-raw.json');
  const cs = envelopeFixture('chirpstack-uplink-raw.json');
  const refuse = (source: NetworkServer, topic: string, body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const result = parseUplink(source, topic, text);
    if (result.ok) throw new Error('expected a refusal');

    return result;
  };

  it('refuses non-JSON, non-object and oversized bodies', () => {
    expect(refuse('ttn', ttn.topic, '{"end_device_ids":').code).toBe('not-json');
    expect(refuse('ttn', ttn.topic, '[1,2]').code).toBe('not-json');
    expect(refuse('ttn', ttn.topic, 'x'.repeat(300_000)).code).toBe('too-large');
  });

  it('refuses other events by topic and by body', () => {
    const joinTopic = ttn.topic.replace(/\/up$/, '/join');
    expect(refuse('ttn', joinTopic, ttn.payload).code).toBe('not-uplink');
    expect(refuse('ttn', ttn.topic, { end_device_ids: {}, join_accept: {} }).code).toBe(
      'not-uplink',
    );
    const statusTopic = cs.topic.replace(/\/up$/, '/status');
    expect(refuse('chirpstack', statusTopic, cs.payload).code).toBe('not-uplink');
    const status = { deviceInfo: (cs.payload as { deviceInfo: unknown }).deviceInfo, margin: 7 };
    expect(refuse('chirpstack', cs.topic, status).code).toBe('not-uplink');
  });

  it('refuses a topic naming another device or application than the body', () => {
    const otherDevice = ttn.topic.replace('bin-ldds20-0002', 'bin-ldds20-0099');
    const otherApp = cs.topic.replace('c0ffee00', 'deadbeef');

    expect(refuse('ttn', otherDevice, ttn.payload).reason).toContain('bin-ldds20-0099');
    expect(refuse('chirpstack', otherApp, cs.payload).code).toBe('identity-mismatch');
  });

  it('refuses malformed fields with the field named', () => {
    const badBase64 = structuredClone(cs.payload);
    badBase64.data = 'not base64!';
    const badEui = structuredClone(cs.payload) as { deviceInfo: { devEui: string } };
    badEui.deviceInfo.devEui = 'f1e2d3';
    const badPort = structuredClone(cs.payload);
    badPort.fPort = 300;

    expect(refuse('chirpstack', 'custom', badBase64).reason).toContain('data');
    expect(refuse('chirpstack', 'custom', badEui).reason).toContain('deviceInfo.devEui');
    expect(refuse('chirpstack', cs.topic, badPort)).toMatchObject({
      code: 'bad-envelope',
      reason: expect.stringContaining('fPort'),
    });
  });
});
