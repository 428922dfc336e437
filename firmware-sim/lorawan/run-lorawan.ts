import { z } from 'zod';
import { DevicesFileError, devicesListSchema, readDevicesFile } from '../devices-file.js';
import { ENCODERS } from './encoders/index.js';
import type { SimServerKind } from './network-server-sim.js';
import { type BrokerTarget, publishSimMessages } from './publish.js';
import { deviceScenario, type ScenarioOutcome } from './scenario.js';
import type { SimDeviceSpec } from './sim-device.js';

/**
 * `pesan sim --lorawan`: LoRaWAN devices behind a simulated network server. Each device of the
 * file plays its scenario (duplicates, a reboot, broken frames and bodies), and the server
 * publishes the envelopes into a broker with its integration account, as TTN or ChirpStack do.
 */
const MODELS = Object.keys(ENCODERS) as [string, ...string[]];

const loraDeviceSchema = z.object({
  deviceId: z.string().min(1),
  model: z.enum(MODELS),
  devEui: z.string().regex(/^[0-9a-fA-F]{16}$/, 'must be 16 hex digits'),
  applicationId: z.string().min(1).optional(),
  tenantId: z.string().min(1).optional(),
  activation: z.enum(['otaa', 'abp']).optional(),
});

const loraDevicesFileSchema = devicesListSchema(
  z.array(loraDeviceSchema).min(1, 'no devices listed'),
);

/** Reads a LoRaWAN devices file; errors name the file and the offending field. */
export async function loadLoraDevicesFile(
  path: string,
  defaultApplicationId: string | undefined,
): Promise<SimDeviceSpec[]> {
  const file = await readDevicesFile(path, loraDevicesFileSchema);

  return file.devices.map((d, i) => {
    const applicationId = d.applicationId ?? defaultApplicationId;
    if (applicationId === undefined) {
      throw new DevicesFileError(
        path,
        `devices.${i}.applicationId: missing (or give --application)`,
      );
    }
    const { tenantId, activation, ...rest } = d;

    return {
      ...rest,
      devEui: d.devEui.toLowerCase(),
      applicationId,
      ...(tenantId === undefined ? {} : { tenantId }),
      ...(activation === undefined ? {} : { activation }),
    };
  });
}

export interface LorawanRunStats {
  devices: number;
  /** Messages the broker acknowledged (QoS 1), by what a correct consumer makes of them. */
  published: Record<ScenarioOutcome, number>;
}

/** Publishes every device's scenario as its network server would, all of it before `nowMs`. */
export async function runLorawanScenarios(options: {
  kind: SimServerKind;
  target: BrokerTarget;
  devices: readonly SimDeviceSpec[];
  nowMs: number;
}): Promise<LorawanRunStats> {
  const published: Record<ScenarioOutcome, number> = {
    reading: 0,
    duplicate: 0,
    'rejected-envelope': 0,
    'rejected-frame': 0,
  };
  // The scenario spans two hours of quarter-hour uplinks: start it so all of it is past.
  const startMs = options.nowMs - 2 * 3_600_000;
  const messages = options.devices.flatMap((d) => deviceScenario(options.kind, d, startMs));
  await publishSimMessages(options.target, messages);
  for (const m of messages) published[m.expect] += 1;

  return { devices: options.devices.length, published };
}
