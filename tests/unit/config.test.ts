import { describe, expect, it } from 'vitest';
import { ConfigError, envName, loadConfig } from '../../src/config/load-config.js';

describe('configuration', () => {
  it('runs everything embedded by default, data under ./data', () => {
    const config = loadConfig({ env: {} });

    expect(config.store).toBe('sqlite');
    expect(config.dataDir).toBe('./data');
    expect(config.http.port).toBe(8080);
    expect(config.mqtt.port).toBe(1883);
    expect(config.mqtt.allowAnonymous).toBe(false);
    expect(config.schedule.timezone).toBe('Asia/Jakarta');
    expect(config.schedule.planCron).toBe('0 5 * * *');
    expect(config.routing.roadFactor).toBe(1.3);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes PESAN_* variables over the file', () => {
    const config = loadConfig({
      env: {
        PESAN_HTTP_PORT: '9090',
        PESAN_MQTT_PORT: '0',
        PESAN_DATA_DIR: '/tmp/x',
        PESAN_ADMIN_TOKEN: 'a-long-enough-admin-token',
        PESAN_MQTT_ALLOW_ANONYMOUS: 'true',
        PESAN_INGEST_BATCH_MAX_SIZE: '50',
      },
    });

    expect(config.http.port).toBe(9090);
    expect(config.mqtt.port).toBe(0);
    expect(config.dataDir).toBe('/tmp/x');
    expect(config.adminToken).toBe('a-long-enough-admin-token');
    expect(config.mqtt.allowAnonymous).toBe(true);
    expect(config.ingest.batchMaxSize).toBe(50);
  });

  it('names the key, its variable and the bad value', () => {
    const attempt = () =>
      loadConfig({
        env: { PESAN_HTTP_PORT: 'eighty', PESAN_STORE: 'mongo', PESAN_ADMIN_TOKEN: 'x' },
      });

    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/http\.port \(PESAN_HTTP_PORT\).*"eighty"/);
      expect(problems).toMatch(/store \(PESAN_STORE\).*"sqlite"\|"influx"/);
      expect(problems).toMatch(/adminToken \(PESAN_ADMIN_TOKEN\): at least 16/);
    }
  });

  it('refuses unknown keys and cron expressions of the wrong shape', () => {
    expect(() => loadConfig({ env: {}, overrides: { htpp: { port: 1 } } })).toThrow(/htpp/);
    const badCron = () => loadConfig({ env: { PESAN_SCHEDULE_PLAN_CRON: '99 99 * * *' } });
    expect(badCron).toThrow(
      'schedule.planCron (PESAN_SCHEDULE_PLAN_CRON): a cron expression such as "0 5 * * *"',
    );
    expect(badCron).toThrow('minute "99" is not valid, hour "99" is not valid');
    const accepted = loadConfig({
      env: {
        PESAN_SCHEDULE_TIMEZONE: 'Asia/Makassar',
        PESAN_SCHEDULE_SWEEP_CRON: '*/30 * * * * *',
        PESAN_SCHEDULE_PLAN_CRON: '30 4 * * MON-SAT',
      },
    });
    expect(accepted.schedule).toEqual({
      timezone: 'Asia/Makassar',
      sweepCron: '*/30 * * * * *',
      planCron: '30 4 * * MON-SAT',
    });
  });

  it('maps nested camelCase keys to variable names', () => {
    expect(envName(['ingest', 'batchMaxWaitMs'])).toBe('PESAN_INGEST_BATCH_MAX_WAIT_MS');
    expect(envName(['dataDir'])).toBe('PESAN_DATA_DIR');
  });
});

describe('LoRaWAN network-server configuration', () => {
  const integration = {
    name: 'ns-chirpstack',
    username: 'ns-chirpstack',
    password: 'a-long-password',
    kind: 'chirpstack',
  };

  it('reads integrations, upstreams and mappings as JSON from their variables', () => {
    const config = loadConfig({
      env: {
        PESAN_LORAWAN_INTEGRATIONS: JSON.stringify([integration]),
        PESAN_LORAWAN_UPSTREAMS: JSON.stringify([
          { name: 'ttn-eu', url: 'mqtts://eu1.cloud.thethings.network:8883', kind: 'ttn' },
        ]),
        PESAN_LORAWAN_OBJECT_MAPPINGS: JSON.stringify({ 'acme-100': { distanceMm: 'dist' } }),
      },
    });

    expect(config.lorawan.integrations[0]?.topics).toEqual(['application/+/device/+/event/up']);
    const upstream = config.lorawan.upstreams[0]!;
    expect(upstream.topics).toEqual(['v3/+/devices/+/up']);
    expect(upstream.clientId).toBe('pesan-ibu-ttn-eu');
    expect(upstream.cleanSession).toBe(false);
    expect(upstream.qos).toBe(1);
    expect(config.lorawan.objectMappings['acme-100']?.distanceMm).toEqual({
      path: 'dist',
      scale: 1,
    });
  });

  it('names the JSON variable of a bad list entry, and refuses malformed filters', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ env });
      } catch (error) {
        return (error as ConfigError).problems.join('\n');
      }
      throw new Error('configuration was accepted');
    };

    expect(
      problems({
        PESAN_LORAWAN_UPSTREAMS: JSON.stringify([{ name: 'x', url: 'http://a', kind: 'ttn' }]),
      }),
    ).toMatch(/lorawan\.upstreams\.0\.url \(PESAN_LORAWAN_UPSTREAMS\): an mqtt:\/\//);
    expect(problems({ PESAN_LORAWAN_INTEGRATIONS: '[{' })).toMatch(
      /lorawan\.integrations \(PESAN_LORAWAN_INTEGRATIONS\): not valid JSON/,
    );
    const badTopic = { ...integration, topics: ['application/#/up'] };
    expect(problems({ PESAN_LORAWAN_INTEGRATIONS: JSON.stringify([badTopic]) })).toMatch(
      /# must be the last level/,
    );
    const both = { ...integration, passwordHash: 'scrypt$00$00' };
    expect(problems({ PESAN_LORAWAN_INTEGRATIONS: JSON.stringify([both]) })).toMatch(
      /exactly one of password and passwordHash/,
    );
    const twice = [integration, { ...integration, username: 'other' }];
    expect(problems({ PESAN_LORAWAN_INTEGRATIONS: JSON.stringify(twice) })).toMatch(
      /name "ns-chirpstack" is used twice/,
    );
  });
});
