import type { Device } from '../domain/registry.js';
import type { NetworkServer } from '../lorawan/uplink.js';
import { verifySecret } from '../registry/device-secret.js';
import type { MqttIdentity } from './access-control.js';

export interface Credentials {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
}

export type AuthOutcome =
  | { ok: true; identity: MqttIdentity }
  | { ok: false; code: 'bad-credentials' | 'client-id' | 'disabled'; reason: string };

export interface AuthenticatorDeps {
  findDevice(id: string): Device | null;
  allowAnonymous: boolean;
  integrations: readonly IntegrationAccount[];
}

/** A network server's account on our broker. */
export interface IntegrationAccount {
  name: string;
  username: string;
  secretHash: string;
  server: NetworkServer;
  publishFilters: string[];
}

/**
 * Checks a CONNECT. The client id must equal the device id, so one device can never take over
 * another's session (MQTT-3.1.4-2 would otherwise let the newcomer disconnect it). Network
 * servers log in with their configured accounts, which take precedence over device ids.
 */
export class Authenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  async check(credentials: Credentials): Promise<AuthOutcome> {
    const { clientId, username, password } = credentials;

    if (username === undefined) {
      return this.deps.allowAnonymous
        ? { ok: true, identity: { kind: 'anonymous' } }
        : { ok: false, code: 'bad-credentials', reason: 'anonymous clients are refused' };
    }

    const integration = this.deps.integrations.find((i) => i.username === username);
    if (integration) {
      const valid =
        password !== undefined && (await verifySecret(password, integration.secretHash));
      if (!valid) return { ok: false, code: 'bad-credentials', reason: 'wrong password' };

      return {
        ok: true,
        identity: {
          kind: 'integration',
          name: integration.name,
          server: integration.server,
          publishFilters: integration.publishFilters,
        },
      };
    }

    const device = this.deps.findDevice(username);
    if (!device || password === undefined || !(await verifySecret(password, device.secretHash))) {
      return { ok: false, code: 'bad-credentials', reason: 'unknown device or wrong password' };
    }
    if (!device.enabled) return { ok: false, code: 'disabled', reason: 'device is disabled' };
    if (clientId !== device.id) {
      return { ok: false, code: 'client-id', reason: 'client id must equal the device id' };
    }

    return { ok: true, identity: { kind: 'device', deviceId: device.id } };
  }
}
