import type { SimDeviceSpec, SimFrame, SimGateway } from '../sim-device.js';

/** Everything a network server knows about one uplink when it publishes it. */
export interface UplinkEvent {
  device: SimDeviceSpec;
  frame: SimFrame;
  /** Gateways that heard the frame; the server merges them into one message. */
  gateways: readonly SimGateway[];
  receivedAtMs: number;
  /** The server's decoded object (a payload formatter / device-profile codec), if any. */
  decoded?: Record<string, unknown>;
  /** Seeds the server-side ids (correlation / deduplication ids) of this publication. */
  publicationId: number;
}

/** Fixed-width id from a number, so simulated ids look like and sort like real ones. */
export function syntheticId(prefix: string, value: number, width = 12): string {
  return `${prefix}${value.toString(16).toUpperCase().padStart(width, '0')}`;
}
