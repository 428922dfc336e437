import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadingQuality } from '../../src/domain/reading.js';
import type { Bin, Device } from '../../src/domain/registry.js';
import type { NetworkServer } from '../../src/lorawan/index.js';
import { bin, smallRegistry } from '../helpers/test-app.js';

/**
 * The network-server fixtures (tests/fixtures/network-servers/, copied from the shared vectors)
 * with what each must become once stored. Values come from the vendors' own decoders (the
 * fixtures' decoded objects and the vector files), not from our codecs.
 */
export interface FixtureCase {
  file: string;
  server: NetworkServer;
  deviceId: string;
  model: string;
  devEui: string;
  distanceMm: number;
  batteryPct: number | null;
  batteryV: number | null;
  temperatureC: number | null;
  rssi: number;
  snr: number;
  gateways: number;
  seq: number;
  /** The network server's receive time: LoRaWAN sensors keep no clock. */
  ts: string;
  quality: ReadingQuality;
}

export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    file: 'ttn-uplink-decoded.json',
    server: 'ttn',
    deviceId: 'lora-em310',
    model: 'milesight-em310-udl',
    devEui: 'f1e2d3c4b5a60001',
    distanceMm: 2116,
    batteryPct: 92,
    batteryV: null,
    temperatureC: null,
    rssi: -97,
    snr: 6.25,
    gateways: 1,
    seq: 1842,
    ts: '2025-03-04T06:15:02.198Z',
    // The vendor decoder says "position": "tilt": the sensor is not looking into the bin.
    quality: 'out-of-range',
  },
  {
    file: 'ttn-uplink-raw.json',
    server: 'ttn',
    deviceId: 'lora-ldds20',
    model: 'dragino-ldds20',
    devEui: 'f1e2d3c4b5a60002',
    distanceMm: 2799,
    batteryPct: null,
    batteryV: 3.387,
    // The vendor prints "0.00" when no DS18B20 probe is fitted: no temperature is stored.
    temperatureC: null,
    rssi: -109,
    snr: -2.5,
    gateways: 1,
    seq: 377,
    ts: '2025-03-04T06:20:44.690Z',
    quality: 'ok',
  },
  {
    file: 'ttn-uplink-two-gateways.json',
    server: 'ttn',
    deviceId: 'lora-mbx',
    model: 'decentlab-dl-mbx',
    devEui: 'f1e2d3c4b5a60003',
    distanceMm: 1234,
    batteryPct: null,
    batteryV: 2.993,
    temperatureC: null,
    rssi: -88,
    snr: 9.5,
    gateways: 2,
    seq: 9051,
    ts: '2025-03-04T06:30:10.150Z',
    quality: 'ok',
  },
  {
    file: 'chirpstack-uplink-decoded.json',
    server: 'chirpstack',
    deviceId: 'lora-em400',
    model: 'milesight-em400-mud',
    devEui: 'f1e2d3c4b5a60004',
    distanceMm: 2116,
    batteryPct: 92,
    batteryV: null,
    temperatureC: 25.7,
    rssi: -101,
    snr: 4.8,
    gateways: 1,
    seq: 512,
    ts: '2025-03-04T06:40:12.518Z',
    quality: 'out-of-range',
  },
  {
    file: 'chirpstack-uplink-raw.json',
    server: 'chirpstack',
    deviceId: 'lora-df702',
    model: 'dingtek-df702',
    devEui: 'f1e2d3c4b5a60005',
    distanceMm: 2000,
    batteryPct: null,
    batteryV: null,
    temperatureC: 25,
    rssi: -112,
    snr: -4,
    gateways: 1,
    seq: 77,
    ts: '2025-03-04T06:45:55.004Z',
    quality: 'ok',
  },
  {
    file: 'chirpstack-uplink-two-gateways.json',
    server: 'chirpstack',
    deviceId: 'lora-wilsen',
    model: 'pepperl-fuchs-wilsen-sonic-level',
    devEui: 'f1e2d3c4b5a60006',
    distanceMm: 1718,
    batteryPct: null,
    batteryV: 3.6,
    temperatureC: 22.7,
    rssi: -93,
    snr: 7.5,
    gateways: 2,
    seq: 2210,
    ts: '2025-03-04T06:50:31.877Z',
    quality: 'ok',
  },
];

/** Deep skips (3 m to the floor, 2.5 m usable): every fixture distance lies inside. */
export const MOUNT_MM = 3_000;
export const USABLE_MM = 2_500;

export const binOf = (c: { deviceId: string }) => `bin-${c.deviceId}`;

export function expectedFill(distanceMm: number): number {
  return Math.round(((MOUNT_MM - distanceMm) / USABLE_MM) * 1000) / 10;
}

/** A fixed clock on the fixtures' morning, moving with real time. */
export function fixtureClock(): () => number {
  const offset = Date.parse('2025-03-04T07:00:00Z') - Date.now();

  return () => Date.now() + offset;
}

export interface FixtureMessage {
  topic: string;
  payload: Record<string, unknown>;
}

export function loadFixture(file: string): FixtureMessage {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/network-servers', file), 'utf8');

  return JSON.parse(text) as FixtureMessage;
}

export function body(message: FixtureMessage): string {
  return JSON.stringify(message.payload);
}

/** A LoRaWAN device of the test registry. */
export interface LoraDeviceSpec {
  deviceId: string;
  model: string;
  devEui: string;
  bin?: Partial<Bin>;
}

/**
 * The small test registry plus one deep bin per LoRaWAN device, each device with its DevEUI and
 * model (the native devices of `smallRegistry` stay).
 */
export function loraRegistry(devices: readonly LoraDeviceSpec[] = FIXTURE_CASES) {
  const base = smallRegistry();
  const bins = devices.map((d) =>
    bin(binOf(d), { mountHeightMm: MOUNT_MM, usableDepthMm: USABLE_MM, ...d.bin }),
  );
  const loraDevices: Device[] = devices.map((d) => ({
    id: d.deviceId,
    binId: binOf(d),
    model: d.model,
    secretHash: '',
    enabled: true,
    devEui: d.devEui,
  }));
  for (const d of devices) base.secrets.set(d.deviceId, `unused-secret-${d.deviceId}`);

  return {
    secrets: base.secrets,
    snapshot: {
      ...base.snapshot,
      bins: [...base.snapshot.bins, ...bins],
      devices: [...base.snapshot.devices, ...loraDevices],
    },
  };
}

export const TTN_APP = 'pesan-ibu-bins';
export const CHIRPSTACK_APP = 'c0ffee00-5e5a-4b1b-9a0e-70b1b0000001';

export const INTEGRATIONS = [
  {
    name: 'ns-ttn',
    username: 'ns-ttn',
    password: 'ttn-integration-password',
    kind: 'ttn' as const,
    topics: [`v3/${TTN_APP}@ttn/devices/+/up`],
  },
  {
    name: 'ns-chirpstack',
    username: 'ns-chirpstack',
    password: 'chirpstack-integration-password',
    kind: 'chirpstack' as const,
    topics: [`application/${CHIRPSTACK_APP}/device/+/event/up`],
  },
];

export function integrationFor(server: NetworkServer) {
  return INTEGRATIONS.find((i) => i.kind === server)!;
}
