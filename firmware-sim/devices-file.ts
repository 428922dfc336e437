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

export const devicesFileSchema = z
  .preprocess(
    // A bare array is the same list: wrap it so error paths read devices.N.field either way.
    (file) => (Array.isArray(file) ? { devices: file } : file),
    z.object({ devices: z.array(fleetDeviceSchema) }),
  )
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

/** Reads and checks a devices file; errors name the file and the offending field. */
export async function loadDevicesFile(path: string): Promise<FleetDevice[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DevicesFileError(path, error instanceof Error ? error.message : String(error));
  }

  const parsed = devicesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DevicesFileError(path, `${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  if (parsed.data.length === 0) throw new DevicesFileError(path, 'no devices listed');

  return parsed.data;
}
