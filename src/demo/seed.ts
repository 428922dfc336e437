import type { FleetDevice } from '../../firmware-sim/fleet.js';
import type { RegistrySnapshot } from '../domain/registry.js';
import { hashSecretAsync } from '../registry/device-secret.js';
import type { RegistryRepo } from '../registry/registry-repo.js';

/**
 * The snapshot as the registry takes it: each device's plain secret (demo and tests) replaced
 * by its hash, computed on the thread pool.
 */
export async function hashedSnapshot(
  snapshot: RegistrySnapshot,
  secrets: Map<string, string>,
): Promise<RegistrySnapshot> {
  const devices = await Promise.all(
    snapshot.devices.map(async (d) => {
      const secret = secrets.get(d.id);
      if (!secret) throw new Error(`no secret for device ${d.id}`);

      return { ...d, secretHash: await hashSecretAsync(secret) };
    }),
  );

  return { ...snapshot, devices };
}

/** Loads a snapshot whose devices carry plain secrets (demo and tests) into the registry. */
export async function seedRegistry(
  registry: RegistryRepo,
  snapshot: RegistrySnapshot,
  secrets: Map<string, string>,
): Promise<void> {
  registry.importSnapshot(await hashedSnapshot(snapshot, secrets), 'replace');
}

/** The simulator's view of the snapshot's devices: each with its plain secret and its bin. */
export function fleetDevicesOf(
  snapshot: RegistrySnapshot,
  secrets: Map<string, string>,
): FleetDevice[] {
  const bins = new Map(snapshot.bins.map((b) => [b.id, b]));

  return snapshot.devices.map((d) => ({
    deviceId: d.id,
    secret: secrets.get(d.id)!,
    bin: bins.get(d.binId)!,
  }));
}
