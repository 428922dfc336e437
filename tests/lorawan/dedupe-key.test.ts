import { describe, expect, it } from 'vitest';
import {
  DEDUPE_BUCKET_MS,
  uplinkDedupeKey,
  uplinkNeighbourKeys,
} from '../../src/lorawan/dedupe-key.js';
import { parseUplink } from '../../src/lorawan/parse-uplink.js';
import type { LoraUplink } from '../../src/lorawan/uplink.js';
import { envelopeFixture } from './vector-files.js';

function uplinkFrom(file: string, edit: (body: Record<string, unknown>) => void = () => {}) {
  const fixture = envelopeFixture(file);
  const body = structuredClone(fixture.payload);
  edit(body);
  const source = file.startsWith('ttn') ? 'ttn' : 'chirpstack';
  const result = parseUplink(source, fixture.topic, JSON.stringify(body));
  if (!result.ok) throw new Error(result.reason);

  return result.uplink;
}

const later = (uplink: LoraUplink, ms: number): LoraUplink => ({
  ...uplink,
  receivedAtMs: uplink.receivedAtMs + ms,
});

describe('uplink dedupe key', () => {
  it('is the same for the same envelope delivered twice', () => {
    const file = 'ttn-uplink-two-gateways.json';

    expect(uplinkDedupeKey(uplinkFrom(file))).toBe(uplinkDedupeKey(uplinkFrom(file)));
  });

  it('is readable: device, counter and port lead the key', () => {
    expect(uplinkDedupeKey(uplinkFrom('ttn-uplink-decoded.json'))).toMatch(
      /^lora:f1e2d3c4b5a60001:1842:85:[0-9a-f]{20}$/,
    );
  });

  it('merges ChirpStack publishing one frame twice under two deduplication ids', () => {
    const first = uplinkFrom('chirpstack-uplink-two-gateways.json');
    const second = uplinkFrom('chirpstack-uplink-two-gateways.json', (body) => {
      body.deduplicationId = '5d3e1c2a-7f4b-4e8a-9c1d-0e2f3a4b5cff';
      body.time = '2025-03-04T06:50:32.101002+00:00';
      body.rxInfo = (body.rxInfo as unknown[]).slice(1);
    });

    expect(second.serverDedupId).not.toBe(first.serverDedupId);
    expect(uplinkDedupeKey(second)).toBe(uplinkDedupeKey(first));
  });

  it('keeps apart frames that differ in counter, port or payload', () => {
    const base = uplinkFrom('chirpstack-uplink-raw.json');
    const key = uplinkDedupeKey(base);

    expect(uplinkDedupeKey({ ...base, fCnt: base.fCnt + 1 })).not.toBe(key);
    expect(uplinkDedupeKey({ ...base, fPort: 4 })).not.toBe(key);
    const payload = Uint8Array.from(base.payload);
    payload[6] = 0xd1;
    expect(uplinkDedupeKey({ ...base, payload })).not.toBe(key);
  });

  it('keeps apart the same counter after an OTAA rejoin, even with an identical payload', () => {
    // TTN: a join gives a new session key id; ChirpStack: a new DevAddr.
    const ttn = uplinkFrom('ttn-uplink-decoded.json');
    const ttnAfterRejoin = { ...ttn, sessionKeyId: 'AZb0c1NpZXNhbklidURlbW9=' };
    const cs = uplinkFrom('chirpstack-uplink-decoded.json');
    const csAfterRejoin = { ...cs, devAddr: '01ab2cff' };

    expect(uplinkDedupeKey(ttnAfterRejoin)).not.toBe(uplinkDedupeKey(ttn));
    expect(uplinkDedupeKey(csAfterRejoin)).not.toBe(uplinkDedupeKey(cs));
  });

  it('keeps apart an ABP counter reset (same session) once a report interval has passed', () => {
    // A device that reboots without rejoining starts again at fCnt 0; frame 0 came before.
    const first = uplinkFrom('chirpstack-uplink-raw.json', (body) => {
      delete body.fCnt;
      body.time = '2025-03-04T06:00:00.000000+00:00';
    });
    const afterReboot = later(first, 10 * 60_000);

    expect(first.fCnt).toBe(0);
    expect(uplinkDedupeKey(afterReboot)).not.toBe(uplinkDedupeKey(first));
  });

  it('merges copies a few seconds apart inside one time bucket', () => {
    const first = uplinkFrom('chirpstack-uplink-raw.json', (body) => {
      body.time = '2025-03-04T06:00:10.000000+00:00';
    });

    expect(uplinkDedupeKey(later(first, 3_000))).toBe(uplinkDedupeKey(first));
    expect(DEDUPE_BUCKET_MS).toBe(300_000);
  });

  it('lets two copies 200 ms apart across a bucket edge find each other', () => {
    // 06:55:00 UTC is a bucket edge: 5-minute buckets counted from the epoch.
    const first = uplinkFrom('chirpstack-uplink-raw.json', (body) => {
      body.time = '2025-03-04T06:54:59.900000+00:00';
    });
    const second = later(first, 200);

    expect(second.receivedAtMs % DEDUPE_BUCKET_MS).toBe(100);
    expect(uplinkDedupeKey(second)).not.toBe(uplinkDedupeKey(first));
    expect(uplinkNeighbourKeys(second)).toEqual([uplinkDedupeKey(first)]);
    // Whichever copy is processed first, the other finds it.
    expect(uplinkNeighbourKeys(first)).toEqual([uplinkDedupeKey(second)]);
  });

  it('has no neighbour keys well inside a bucket, nor any reaching an ABP reset', () => {
    const first = uplinkFrom('chirpstack-uplink-raw.json', (body) => {
      delete body.fCnt;
      body.time = '2025-03-04T06:54:59.900000+00:00';
    });
    const afterReboot = later(first, 10 * 60_000);
    const mid = later(first, 150_100);

    expect(uplinkNeighbourKeys(mid)).toEqual([]);
    expect(uplinkNeighbourKeys(afterReboot)).not.toContain(uplinkDedupeKey(first));
    expect(uplinkDedupeKey(afterReboot)).not.toBe(uplinkDedupeKey(first));
  });

  it('falls back to the server-scoped device id when TTN gives no DevEUI', () => {
    const uplink = uplinkFrom('ttn-uplink-raw.json', (body) => {
      delete (body.end_device_ids as Record<string, unknown>).dev_eui;
    });

    expect(uplinkDedupeKey(uplink)).toMatch(/^lora:ttn:pesan-ibu-bins\/bin-ldds20-0002:377:2:/);
  });
});
