import type { IntegrationConfig } from '../config/lorawan-config.js';
import { hashSecret } from '../registry/device-secret.js';
import type { IntegrationAccount } from './authenticator.js';

/**
 * Broker accounts of the configured network servers. A plain password is hashed once at start,
 * so it is checked exactly like a device secret and never compared as text.
 */
export function integrationAccounts(configs: readonly IntegrationConfig[]): IntegrationAccount[] {
  return configs.map((c) => ({
    name: c.name,
    username: c.username,
    secretHash: c.passwordHash ?? hashSecret(c.password!),
    server: c.kind,
    publishFilters: c.topics,
  }));
}
