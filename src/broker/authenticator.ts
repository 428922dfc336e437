import type { Principal } from '../api/tokens.js';
import type { Device } from '../domain/registry.js';
import type { NetworkServer } from '../lorawan/uplink.js';
import { verifySecret } from '../registry/device-secret.js';
import type { MqttIdentity } from './access-control.js';

export interface Credentials {
  clientId: string;
  username: string | undefined;
  password: Buffer | undefined;
}

/**
 * Why a CONNECT was refused, finer than the CONNACK code (which does not tell a stranger
 * whether a device id exists). Stable: these are metric labels.
 */
export const CONNECT_REFUSALS = [
  'anonymous',
  'unknown-user',
  'wrong-password',
  'device-disabled',
  'client-id-mismatch',
  'unknown-token',
  'token-unbound',
] as const;
export type ConnectRefusal = (typeof CONNECT_REFUSALS)[number];

export type AuthOutcome =
  | { ok: true; identity: MqttIdentity }
  | {
      ok: false;
      code: 'bad-credentials' | 'client-id' | 'disabled';
      cause: ConnectRefusal;
      reason: string;
    };

export interface AuthenticatorDeps {
  findDevice(id: string): Device | null;
  allowAnonymous: boolean;
  integrations: readonly IntegrationAccount[];
  /**
   * Resolves an API bearer token (TokenRepo.resolve) for people's apps logging in with
   * username `token`. Without it token logins are refused, as before they existed.
   */
  resolveToken?: (token: string) => Principal | null;
}

/** The MQTT username of a login whose password is an API bearer token. */
export const TOKEN_USERNAME = 'token';

/**
 * Client-id prefix a token client must use. Device ids cannot contain `/`, so a token client
 * can never take over a device's session; the role (and crew) in it keeps one crew's app from
 * taking over another crew's session.
 */
export function tokenClientIdPrefix(principal: Pick<Principal, 'role' | 'crewId'>): string {
  return principal.role === 'crew'
    ? `app/crew/${principal.crewId ?? ''}/`
    : `app/${principal.role}/`;
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
 * People's apps log in as `token` with an API bearer token as password (see checkToken).
 */
export class Authenticator {
  constructor(private readonly deps: AuthenticatorDeps) {}

  async check(credentials: Credentials): Promise<AuthOutcome> {
    const { clientId, username, password } = credentials;

    if (username === undefined) {
      return this.deps.allowAnonymous
        ? { ok: true, identity: { kind: 'anonymous' } }
        : {
            ok: false,
            code: 'bad-credentials',
            cause: 'anonymous',
            reason: 'anonymous clients are refused',
          };
    }

    const integration = this.deps.integrations.find((i) => i.username === username);
    if (integration) {
      const valid =
        password !== undefined && (await verifySecret(password, integration.secretHash));
      if (!valid) {
        return {
          ok: false,
          code: 'bad-credentials',
          cause: 'wrong-password',
          reason: 'wrong password',
        };
      }

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

    if (username === TOKEN_USERNAME) return this.checkToken(clientId, password);

    // The reason sent back stays vague on purpose; the cause (logs, metrics) does not.
    const badCredentials = 'unknown device or wrong password';
    const device = this.deps.findDevice(username);
    if (!device) {
      return { ok: false, code: 'bad-credentials', cause: 'unknown-user', reason: badCredentials };
    }
    if (password === undefined || !(await verifySecret(password, device.secretHash))) {
      return {
        ok: false,
        code: 'bad-credentials',
        cause: 'wrong-password',
        reason: badCredentials,
      };
    }
    if (!device.enabled) {
      return {
        ok: false,
        code: 'disabled',
        cause: 'device-disabled',
        reason: 'device is disabled',
      };
    }
    if (clientId !== device.id) {
      return {
        ok: false,
        code: 'client-id',
        cause: 'client-id-mismatch',
        reason: 'client id must equal the device id',
      };
    }

    return { ok: true, identity: { kind: 'device', deviceId: device.id } };
  }

  private checkToken(clientId: string, password: Buffer | undefined): AuthOutcome {
    const principal =
      password === undefined ? null : (this.deps.resolveToken?.(password.toString('utf8')) ?? null);
    if (!principal) {
      return {
        ok: false,
        code: 'bad-credentials',
        cause: 'unknown-token',
        reason: 'unknown API token',
      };
    }
    if (principal.role === 'crew' && principal.crewId === null) {
      return {
        ok: false,
        code: 'disabled',
        cause: 'token-unbound',
        reason: 'crew token is not bound to a crew',
      };
    }
    const prefix = tokenClientIdPrefix(principal);
    if (!clientId.startsWith(prefix) || clientId.length === prefix.length) {
      return {
        ok: false,
        code: 'client-id',
        cause: 'client-id-mismatch',
        reason: `client id must start with ${prefix}`,
      };
    }

    const { role, crewId, label } = principal;

    return { ok: true, identity: { kind: 'token', role, crewId, label } };
  }
}
