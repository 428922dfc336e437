import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert-repo.js';
import type { AlertKind } from '../../src/alerts/alert-rules.js';
import type { Collection } from '../../src/analytics/collection-repo.js';
import type { Reading, ReadingQuality } from '../../src/domain/reading.js';
import { EventBus } from '../../src/shared/event-bus.js';
import { recordEventPoints } from '../../src/storage/influx/event-points.js';
import { openInfluxTelemetryStore } from '../../src/storage/influx/influx-telemetry-store.js';
import {
  INFLUX_PASSWORD,
  INFLUX_USER,
  type InfluxdHandle,
  influxdAvailable,
  startInfluxd,
} from '../helpers/influxd.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { makeReading } from './reading-fixture.js';

const ROOT = join(import.meta.dirname, '../..');
const DASHBOARD_DIR = join(ROOT, 'dashboards/grafana');
const DATASOURCE_FILE = join(ROOT, 'dashboards/provisioning/datasources/influxdb.yaml');
const PROVIDER_FILE = join(ROOT, 'dashboards/provisioning/dashboards/pesan-ibu.yaml');

interface Target {
  refId: string;
  query: string;
  rawQuery: boolean;
  datasource: { uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: Record<'x' | 'y' | 'w' | 'h', number>;
  datasource: { type: string; uid: string };
  targets: Target[];
}
interface Variable {
  name: string;
  type: string;
  query: string;
  datasource: { uid: string };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  timezone: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboards = readdirSync(DASHBOARD_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(DASHBOARD_DIR, file), 'utf8')) }));

const datasourceUid = /^\s+uid:\s*(\S+)\s*$/m.exec(readFileSync(DATASOURCE_FILE, 'utf8'))?.[1];

describe('grafana provisioning and dashboard files', () => {
  it('provisions an InfluxQL datasource and a file provider for the dashboards', () => {
    const datasource = readFileSync(DATASOURCE_FILE, 'utf8');
    expect(datasource).toMatch(/^apiVersion: 1$/m);
    expect(datasource).toMatch(/^\s+type: influxdb$/m);
    expect(datasource).toMatch(/^\s+version: InfluxQL$/m);
    expect(datasourceUid).toBe('pesan-influx');

    const provider = readFileSync(PROVIDER_FILE, 'utf8');
    expect(provider).toMatch(/^\s+type: file$/m);
    expect(provider).toMatch(/^\s+path: \/var\/lib\/grafana\/dashboards\/pesan-ibu$/m);
  });

  it('has the four dashboards the environment office uses', () => {
    expect(dashboards.map((d) => d.json.uid).sort()).toEqual([
      'pesan-armada',
      'pesan-riwayat-bin',
      'pesan-sensor',
      'pesan-tren',
    ]);
  });

  it.each(dashboards)('$file has the fields Grafana requires', ({ json }) => {
    const d = json as Dashboard;
    expect(d.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(d.title).toBeTruthy();
    expect(d.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(d.timezone).toBe('Asia/Jakarta');
    expect(d.panels.length).toBeGreaterThan(0);
    expect(new Set(d.panels.map((p) => p.id)).size).toBe(d.panels.length);

    for (const p of d.panels) {
      expect(p.title, `panel ${p.id}`).toBeTruthy();
      expect(p.type).toMatch(/^(timeseries|table|stat|bargauge|barchart|geomap)$/);
      expect(p.datasource).toEqual({ type: 'influxdb', uid: datasourceUid });
      for (const key of ['x', 'y', 'w', 'h'] as const) {
        expect(Number.isInteger(p.gridPos[key]), `${p.title} gridPos.${key}`).toBe(true);
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) {
        expect(t).toMatchObject({ rawQuery: true, datasource: { uid: datasourceUid } });
        expect(t.refId).toMatch(/^[A-Z]$/);
      }
    }
    for (const v of d.templating.list) {
      expect(v).toMatchObject({ type: 'query', datasource: { uid: datasourceUid } });
      expect(v.query).toMatch(/^SHOW TAG VALUES/);
    }
  });
});

const AREAS = ['Kramatwatu', 'Waringinkurung', 'Bojonegara'];
const LAND_USES = ['residential', 'market'];
const HOUR_MS = 3_600_000;

/**
 * Two days of half-hourly readings for nine bins (each kecamatan ends with one bin in every fill
 * band), with flagged readings and one hot bin.
 */
function seedReadings(nowMs: number): Reading[] {
  const readings: Reading[] = [];
  for (let b = 0; b < 9; b++) {
    for (let i = 0; i < 96; i++) {
      const ts = nowMs - 48 * HOUR_MS + i * 30 * 60_000;
      const quality: ReadingQuality = i % 9 === 4 ? 'spike' : i % 13 === 6 ? 'no-echo' : 'ok';
      readings.push(
        makeReading({
          binId: `bin-${b}`,
          deviceId: `dev-${b}`,
          areaId: AREAS[b % AREAS.length]!,
          ts,
          receivedAt: ts + 500,
          seq: i,
          fillPct: (i * (3 + b) + b * 17) % 100,
          temperatureC: b === 0 && i > 90 ? 65 : 31,
          batteryPct: 90 - i * 0.2 - b * 5,
          quality,
          qualityReason: quality === 'ok' ? null : `ditandai: ${quality}`,
          dedupeKey: `dev-${b}:${i}`,
        }),
      );
    }
  }

  return readings;
}

/**
 * The backend's events for the same bins, sent over a real event bus to the subscriber that
 * writes them: every bin opens `full`; bins 0-2 are then acknowledged, bins 3-5 resolved; bin 8
 * also has a `tilt` alert opened ten days ago and never closed; the service itself has one
 * (`store-spool` on the pseudo-bin). Every bin is emptied (seen by its sensor) and confirmed
 * by a crew; bin 0 also has a visit where the crew could not collect.
 */
function emitEvents(bus: EventBus, nowMs: number): void {
  let ids = 0;
  const alert = (binId: string, kind: AlertKind, openedAt: number): Alert => ({
    id: ++ids,
    binId,
    deviceId: binId === 'system' ? null : binId.replace('bin', 'dev'),
    kind,
    severity: kind === 'tilt' ? 'critical' : 'warning',
    status: 'open',
    message: `${kind} pada ${binId}, "perlu dicek"`,
    value: kind === 'store-spool' ? null : 85,
    openedAt,
    updatedAt: openedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
  });
  const crew = (binId: string, ts: number, status: Collection['status']): Collection => ({
    id: ++ids,
    binId,
    ts,
    source: 'crew',
    status,
    reason: status === 'collected' ? null : 'no-access: gerbang dikunci',
    crewId: 'crew-1',
    fillBeforePct: null,
    clientRef: `hp-${ids}`,
    recordedAt: ts,
  });

  for (let b = 0; b < 9; b++) {
    const binId = `bin-${b}`;
    const opened = alert(binId, 'full', nowMs - 10 * HOUR_MS + b * 60_000);
    bus.emit('alert', { type: 'opened', alert: opened });
    const later = opened.openedAt + HOUR_MS;
    if (b < 3) {
      const acknowledged = { ...opened, acknowledgedAt: later, acknowledgedBy: 'petugas' };
      bus.emit('alert', {
        type: 'acknowledged',
        alert: { ...acknowledged, status: 'acknowledged' },
      });
    } else if (b < 6) {
      bus.emit('alert', {
        type: 'resolved',
        alert: { ...opened, status: 'resolved', resolvedAt: later },
      });
    }

    const emptiedAt = nowMs - 30 * HOUR_MS + b * 60_000;
    bus.emit('emptied', { binId, ts: emptiedAt, fillBeforePct: 82 + b, fillAfterPct: 4 });
    const record = crew(binId, emptiedAt + 5 * 60_000, 'collected');
    bus.emit('collection', { binId, status: record.status, record });
  }
  const missed = crew('bin-0', nowMs - 6 * HOUR_MS, 'not-collected');
  bus.emit('collection', { binId: 'bin-0', status: missed.status, record: missed });
  bus.emit('alert', { type: 'opened', alert: alert('bin-8', 'tilt', nowMs - 240 * HOUR_MS) });
  bus.emit('alert', { type: 'opened', alert: alert('system', 'store-spool', nowMs - HOUR_MS) });
}

/** What Grafana does to a query before sending it: macros and variables filled in. */
function substitute(query: string, values: Record<string, string[]>, fromMs: number, toMs: number) {
  const regexOf = (list: string[]) => {
    const escaped = list.map((v) => v.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&'));

    return escaped.length === 1 ? escaped[0]! : `(${escaped.join('|')})`;
  };

  let out = query
    .replaceAll('$timeFilter', `time >= ${fromMs}ms and time <= ${toMs}ms`)
    .replaceAll('$__interval', '30m');
  for (const [name, list] of Object.entries(values)) {
    out = out
      .replaceAll(`/^$${name}$/`, `/^${regexOf(list)}$/`)
      .replaceAll(`'$${name}'`, `'${list[0]!.replace(/'/g, "\\'")}'`);
  }
  expect(out, 'every macro and variable substituted').not.toMatch(/\$[a-z_]/);

  return out;
}

describe.skipIf(!influxdAvailable)('dashboard queries against a real influxd', () => {
  const temp = makeTempDir('dashboards');
  const database = 'pesan';
  const nowMs = Date.now();
  let influxd: InfluxdHandle;

  beforeAll(async () => {
    influxd = await startInfluxd();
    await influxd.createDatabase(database);
    const store = await openInfluxTelemetryStore({
      url: influxd.url,
      username: INFLUX_USER,
      password: INFLUX_PASSWORD,
      bucket: database,
      spoolDir: temp.path,
      binInfo: (binId) => {
        const n = Number(binId.split('-')[1]);

        return {
          landUse: LAND_USES[n % 2],
          binKind: 'wheelie-240',
          lat: -6.04 - n * 0.01,
          lon: 106.11 + n * 0.01,
        };
      },
    });
    await store.writeBatch(seedReadings(nowMs));
    const bus = new EventBus(pino({ level: 'silent' }));
    const stop = recordEventPoints({
      store,
      bus,
      areaOf: (binId) => (binId === 'system' ? undefined : AREAS[Number(binId.split('-')[1]) % 3]),
      logger: pino({ level: 'silent' }),
    });
    emitEvents(bus, nowMs);
    stop();
    // Closing flushes what the subscriber queued.
    await store.close();
  });

  afterAll(async () => {
    await influxd?.dispose();
    temp.remove();
  });

  async function seriesOf(influxql: string) {
    const [result] = await influxd.query(influxql, database);

    return result?.series ?? [];
  }

  it.each(dashboards)(
    'every panel of $file returns series for one value and for All',
    async ({ json }) => {
      const d = json as Dashboard;
      const values: Record<string, string[]> = {};

      // Variables resolve in order, each from the previous ones, as Grafana does.
      for (const v of d.templating.list) {
        const query = substitute(v.query, values, nowMs - 7 * 24 * HOUR_MS, nowMs);
        const found = (await seriesOf(query)).flatMap((s) => s.values.map((row) => String(row[1])));
        expect(found.length, `variable ${v.name}`).toBeGreaterThan(0);
        values[v.name] = found.includes('Kramatwatu') ? ['Kramatwatu'] : [found.sort()[0]!];
      }

      const selections = [values];
      if (d.templating.list.some((v) => v.name === 'kecamatan')) {
        selections.push({ ...values, kecamatan: AREAS, land_use: LAND_USES });
      }

      for (const selection of selections) {
        for (const panel of d.panels) {
          for (const target of panel.targets) {
            const query = substitute(target.query, selection, nowMs - 7 * 24 * HOUR_MS, nowMs);
            const series = await seriesOf(query);

            expect(series.length, `${panel.title} [${target.refId}]: ${query}`).toBeGreaterThan(0);
            expect(series[0]!.values.length, `${panel.title}: ${query}`).toBeGreaterThan(0);
          }
        }
      }
    },
  );

  it('lists as open alerts the last change per bin and kind unless it resolved', async () => {
    const armada = dashboards.find((d) => d.json.uid === 'pesan-armada')!.json as Dashboard;
    const panel = armada.panels.find((p) => p.title.startsWith('Alert terbuka'))!;
    const all = { kecamatan: AREAS };
    const query = substitute(panel.targets[0]!.query, all, nowMs - 24 * HOUR_MS, nowMs);
    const [table] = await seriesOf(query);
    const at = (name: string) => table!.columns.indexOf(name);
    const rows = table!.values.map((r) => `${r[at('bin')]}/${r[at('kind')]}:${r[at('change')]}`);

    expect(rows.sort()).toEqual([
      'bin-0/full:acknowledged',
      'bin-1/full:acknowledged',
      'bin-2/full:acknowledged',
      'bin-6/full:opened',
      'bin-7/full:opened',
      'bin-8/full:opened',
      'bin-8/tilt:opened',
      'system/store-spool:opened',
    ]);
    expect(table!.values[0]![at('message')]).toMatch(/^\S+ pada \S+, "perlu dicek"$/);
  });

  it("shows a bin's collections from both sources, with fill and the crew's reason", async () => {
    const history = dashboards.find((d) => d.json.uid === 'pesan-riwayat-bin')!.json as Dashboard;
    const panel = history.panels.find((p) => p.title.startsWith('Pengambilan'))!;
    const values = { kecamatan: ['Kramatwatu'], bin: ['bin-0'] };
    const query = substitute(panel.targets[0]!.query, values, nowMs - 7 * 24 * HOUR_MS, nowMs);
    const [table] = await seriesOf(query);

    expect(table!.columns).toEqual([
      'time',
      'source',
      'status',
      'fill_before',
      'fill_after',
      'crew',
      'reason',
    ]);
    expect(table!.values.map((r) => r.slice(1))).toEqual([
      ['crew', 'not-collected', null, null, 'crew-1', 'no-access: gerbang dikunci'],
      ['crew', 'collected', null, null, 'crew-1', null],
      ['sensor', 'collected', 82, 4, null, null],
    ]);
  });
});
