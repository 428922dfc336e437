import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BIN_KINDS, LAND_USES } from '../src/domain/registry.js';
import type { FleetDevice } from './fleet.js';

/**
 * The simulator's device list: which sensors to run, their MQTT secrets (as provisioning
 * returned them) and the bins they sit on. Either `{ "devices": [...] }` or a bare array;
 * extra bin fields (a full registry `Bin`) are accepted and ignored.
 */
const positive = z.number().positive();

const fleetDeviceSchema = z.object({
  deviceId: z.string().min(1),
  secret: z.string().min(1),
  bin: z.object({
    id: z.string().min(1),
    areaId: z.string().min(1),
    kind: z.enum(BIN_KINDS),
    landUse: z.enum(LAND_USES),
    volumeL: positive,
    mountHeightMm: positive,
    usableDepthMm: positive,
    reportIntervalS: positive,
  }),
});

/**
 * `{ "devices": list }`, or the list alone: a bare array is the same list, wrapped so error
 * paths read devices.N.field either way. Shared with the LoRaWAN devices file.
 */
export function devicesListSchema<T extends z.ZodType>(list: T) {
  return z.preprocess(
    (file) => (Array.isArray(file) ? { devices: file } : file),
    z.object({ devices: list }),
  );
}

export const devicesFileSchema = devicesListSchema(z.array(fleetDeviceSchema))
  .transform((file) => file.devices)
  .refine((devices) => devices.every((d) => d.bin.usableDepthMm <= d.bin.mountHeightMm), {
    message: 'a bin has usableDepthMm greater than mountHeightMm',
  });

export class DevicesFileError extends Error {
  constructor(path: string, detail: string) {
    super(`devices file ${path}: ${detail}`);
    this.name = 'DevicesFileError';
  }
}

/**
 * Reads a JSON devices file and checks it against `schema`; a refusal names the file and the
 * first offending field (`devices file <path>: devices.0.bin.kind: ...`).
 */
export async function readDevicesFile<T extends z.ZodType>(
  path: string,
  schema: T,
): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DevicesFileError(path, error instanceof Error ? error.message : String(error));
  }

  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DevicesFileError(path, `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }

  return parsed.data;
}

/** Reads and checks a devices file; errors name the file and the offending field. */
export async function loadDevicesFile(path: string): Promise<FleetDevice[]> {
  const devices = await readDevicesFile(path, devicesFileSchema);
  if (devices.length === 0) throw new DevicesFileError(path, 'no devices listed');

  return devices;
}
