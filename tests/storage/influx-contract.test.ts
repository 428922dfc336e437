import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInfluxTelemetryStore } from '../../src/storage/influx/influx-telemetry-store.js';
import {
  INFLUX_PASSWORD,
  INFLUX_USER,
  type InfluxdHandle,
  influxdAvailable,
  startInfluxd,
  startV2WriteProxy,
  type V2WriteProxy,
} from '../helpers/influxd.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { runTelemetryStoreContract, type StoreUnderTest } from './contract.js';

describe.skipIf(!influxdAvailable)('influx adapter against a real influxd', () => {
  const temp = makeTempDir('influx-contract');
  let influxd: InfluxdHandle;
  let proxy: V2WriteProxy;

  beforeAll(async () => {
    influxd = await startInfluxd();
    proxy = await startV2WriteProxy(influxd);
  });

  afterAll(async () => {
    await proxy?.close();
    await influxd?.dispose();
    temp.remove();
  });

  /** Each fresh store gets its own database and spool folder; reopen reuses both. */
  function adapter(label: string, url: () => string): StoreUnderTest {
    let count = 0;
    let last = { database: '', spoolDir: '' };
    const open = () =>
      openInfluxTelemetryStore({
        url: url(),
        username: INFLUX_USER,
        password: INFLUX_PASSWORD,
        bucket: `${last.database}/autogen`,
        spoolDir: last.spoolDir,
      });

    return {
      async openFresh() {
        count++;
        last = { database: `${label}_${count}`, spoolDir: `${temp.path}/${label}-${count}` };
        await influxd.createDatabase(last.database);

        return open();
      },
      reopen: open,
    };
  }

  runTelemetryStoreContract(
    'influx, v1 /write (server 1.6)',
    adapter('v1', () => influxd.url),
  );
  runTelemetryStoreContract(
    'influx, /api/v2/write through the 1.8-compat proxy',
    adapter('v2', () => proxy.url),
  );

  it('sent the v2 contract through /api/v2/write, gzipping the larger bodies', () => {
    expect(proxy.writeEncodings.length).toBeGreaterThan(10);
    expect(proxy.writeEncodings).toContain('gzip');
    expect(proxy.writeEncodings).toContain(undefined);
  });
});
