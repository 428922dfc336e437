import { describe, expect, it } from 'vitest';
import { canPublish, canSubscribe, type MqttIdentity } from '../../src/broker/access-control.js';
import { Authenticator } from '../../src/broker/authenticator.js';
import { integrationAccounts } from '../../src/broker/integration-accounts.js';

const chirpstack: MqttIdentity = {
  kind: 'integration',
  name: 'ns-chirpstack',
  server: 'chirpstack',
  publishFilters: ['application/c0ffee00/device/+/event/up'],
};

describe('network-server accounts on our broker', () => {
  it('may publish only uplinks of its own application, nothing else', () => {
    expect(canPublish(chirpstack, 'application/c0ffee00/device/f1e2d3c4b5a60004/event/up').ok).toBe(
      true,
    );
    for (const topic of [
      'application/other/device/f1e2d3c4b5a60004/event/up',
      'application/c0ffee00/device/f1e2d3c4b5a60004/event/join',
      'pesanibu/v1/devices/dev-bin-1/telemetry',
      'pesanibu/v1/alerts/bin-1/full',
      '$SYS/broker/uptime',
    ]) {
      const decision = canPublish(chirpstack, topic);
      expect(decision.ok, topic).toBe(false);
    }
    const denied = canPublish(chirpstack, 'pesanibu/v1/alerts/bin-1/full');
    expect(!denied.ok && denied.reason).toMatch(/may publish only to application\/c0ffee00/);
  });

  it('may not subscribe to anything', () => {
    expect(canSubscribe(chirpstack, 'application/c0ffee00/device/x/command/down').ok).toBe(false);
    expect(canSubscribe(chirpstack, 'pesanibu/v1/alerts/bin-1/full').ok).toBe(false);
  });

  it('logs in with the configured password and gets the configured topics', async () => {
    const accounts = integrationAccounts([
      {
        name: 'ns-ttn',
        username: 'pesan-ibu-bins@ttn',
        password: 'a-long-password',
        kind: 'ttn',
        topics: ['v3/pesan-ibu-bins@ttn/devices/+/up'],
      },
    ]);
    const auth = new Authenticator({
      findDevice: () => null,
      allowAnonymous: false,
      integrations: accounts,
    });
    const login = (password: string) =>
      auth.check({
        clientId: 'any',
        username: 'pesan-ibu-bins@ttn',
        password: Buffer.from(password),
      });

    const ok = await login('a-long-password');
    expect(ok).toEqual({
      ok: true,
      identity: {
        kind: 'integration',
        name: 'ns-ttn',
        server: 'ttn',
        publishFilters: ['v3/pesan-ibu-bins@ttn/devices/+/up'],
      },
    });
    expect((await login('wrong-password')).ok).toBe(false);
    expect(accounts[0]!.secretHash).toMatch(/^scrypt\$/);
  });
});
