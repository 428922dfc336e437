import { SimNetworkServer, type SimServerKind } from './network-server-sim.js';
import {
  type SimDeviceSpec,
  type SimGateway,
  SimLoraDevice,
  type SimMessage,
} from './sim-device.js';

/** What a correct consumer must make of each scenario message. */
export type ScenarioOutcome = 'reading' | 'duplicate' | 'rejected-envelope' | 'rejected-frame';

export interface ScenarioMessage extends SimMessage {
  expect: ScenarioOutcome;
  note: string;
}

export const SIM_GATEWAYS: readonly SimGateway[] = [
  { id: 'sim-gw-ciruas', eui: 'f0f1f2f3f4f5a101', rssi: -96, snr: 6.5 },
  { id: 'sim-gw-kragilan', eui: 'f0f1f2f3f4f5a102', rssi: -113, snr: -7.25 },
];

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * One device's morning through a network server, covering what a consumer must survive:
 * a frame heard by two gateways, the same message delivered twice, a reboot restarting the
 * frame counter with byte-identical payloads, and broken frames and bodies.
 * ChirpStack additionally publishes one frame twice under two deduplication ids.
 */
export function deviceScenario(
  kind: SimServerKind,
  spec: SimDeviceSpec,
  startMs: number,
): ScenarioMessage[] {
  const server = new SimNetworkServer(kind, SIM_GATEWAYS);
  const device = new SimLoraDevice(spec);
  const at = (quarter: number) => startMs + quarter * QUARTER_HOUR_MS;
  const out: ScenarioMessage[] = [];
  const add = (message: SimMessage, expect: ScenarioOutcome, note: string) =>
    out.push({ ...message, expect, note });

  const first = server.uplink(device, { distanceMm: 900, batteryPct: 90, batteryV: 3.5 }, at(0), {
    heardBy: 2,
  });
  add(first.message, 'reading', 'fCnt 0 heard by two gateways, published once');
  add(first.message, 'duplicate', 'the same message delivered again');

  const second = server.uplink(device, { distanceMm: 870, batteryPct: 90, batteryV: 3.5 }, at(1));
  add(second.message, 'reading', 'fCnt 1');
  if (kind === 'chirpstack') {
    add(server.republish(second.event), 'duplicate', 'fCnt 1 republished under a new id');
  }

  device.reboot();
  const again = server.uplink(device, { distanceMm: 900, batteryPct: 90, batteryV: 3.5 }, at(2));
  add(again.message, 'reading', 'fCnt 0 again after a reboot, same bytes as before');
  const againSecond = server.uplink(
    device,
    { distanceMm: 870, batteryPct: 90, batteryV: 3.5 },
    at(3),
  );
  add(againSecond.message, 'reading', 'fCnt 1 again after a reboot, same bytes as before');

  const good = device.measure({ distanceMm: 850, batteryPct: 90, batteryV: 3.5 });
  const truncated = { ...good, bytes: good.bytes.subarray(0, good.bytes.length - 1) };
  add(server.publishFrame(device, truncated, at(4)).message, 'rejected-frame', 'last byte lost');
  const wrongPort = { ...device.measure({ distanceMm: 850 }), fPort: 99 };
  add(server.publishFrame(device, wrongPort, at(5)).message, 'rejected-frame', 'unknown FPort');

  const valid = server.uplink(device, { distanceMm: 840, batteryPct: 89 }, at(6)).message;
  const payloadKey = kind === 'ttn' ? '"frm_payload":"' : '"data":"';
  add(
    { topic: valid.topic, body: valid.body.replace(payloadKey, `${payloadKey}*`) },
    'rejected-envelope',
    'payload is not base64',
  );
  add({ topic: valid.topic, body: valid.body.slice(0, 40) }, 'rejected-envelope', 'body cut off');

  return out;
}
