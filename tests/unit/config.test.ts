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
    expect(() => loadConfig({ env: { PESAN_SCHEDULE_PLAN_CRON: 'daily' } })).toThrow(
      /schedule\.planCron/,
    );
  });

  it('maps nested camelCase keys to variable names', () => {
    expect(envName(['ingest', 'batchMaxWaitMs'])).toBe('PESAN_INGEST_BATCH_MAX_WAIT_MS');
    expect(envName(['dataDir'])).toBe('PESAN_DATA_DIR');
  });
});
