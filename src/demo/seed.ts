import type { RegistrySnapshot } from '../domain/registry.js';
import { hashSecretAsync } from '../registry/device-secret.js';
import type { RegistryRepo } from '../registry/registry-repo.js';

/**
 * Loads a snapshot whose devices carry plain secrets (demo and tests) into the registry,
 * hashing the secrets on the thread pool.
 */
export async function seedRegistry(
  registry: RegistryRepo,
  snapshot: RegistrySnapshot,
  secrets: Map<string, string>,
): Promise<void> {
  const devices = await Promise.all(
    snapshot.devices.map(async (d) => {
      const secret = secrets.get(d.id);
      if (!secret) throw new Error(`no secret for device ${d.id}`);

      return { ...d, secretHash: await hashSecretAsync(secret) };
    }),
  );
  registry.importSnapshot({ ...snapshot, devices }, 'replace');
}
