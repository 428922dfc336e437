import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpServer } from '../../src/api/http-server.js';
import { TokenRepo } from '../../src/api/tokens.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';
import { defaultBundleDir } from '../../src/web/web-assets.js';
import { webPlugin } from '../../src/web/web-plugin.js';
import { ADMIN_TOKEN, api, startTestApp, type TestApp } from '../helpers/test-app.js';

const CREW_BUDGET_GZIP_BYTES = 150 * 1024;

/** Sum of the gzip sizes of a page and the scripts and styles it links. */
function pageGzipBytes(page: 'office' | 'crew'): number {
  const dir = defaultBundleDir();
  const html = readFileSync(join(dir, `${page}.html`), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBe(2);

  return assets.reduce(
    (sum, name) => sum + gzipSync(readFileSync(join(dir, 'assets', name))).length,
    gzipSync(html).length,
  );
}

describe('web pages and the API they use', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ web: { tileUrl: 'https://tiles.example.id/{z}/{x}/{y}.png' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the dashboard with the tile URL inlined and a strict script policy', async () => {
    const res = await fetch(`${t.baseUrl}/`);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const config = JSON.parse(/id="pesan-config"[^>]*>([^<]*)</.exec(html)![1]!);
    expect(config).toEqual({
      tileUrl: 'https://tiles.example.id/{z}/{x}/{y}.png',
      tileAttribution: '© OpenStreetMap contributors',
    });
  });

  it('serves hashed assets compressed and cacheable for good, and the crew worker', async () => {
    const html = await (await fetch(`${t.baseUrl}/crew`)).text();
    const script = /src="(\/assets\/crew-[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(`${t.baseUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await res.text()).length).toBeGreaterThan(1_000);

    const worker = await fetch(`${t.baseUrl}/crew-sw.js`);
    expect(worker.headers.get('content-type')).toContain('javascript');
    expect(await worker.text()).toContain(script);
  });

  it('keeps the crew page under its weight budget', () => {
    const crew = pageGzipBytes('crew');
    const office = pageGzipBytes('office');

    expect(crew).toBeLessThan(CREW_BUDGET_GZIP_BYTES);
    // The crew page carries neither the map nor the chart library.
    expect(crew).toBeLessThan(office / 4);
  });

  it('answers 503 with the build command when the bundle is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pesan-web-'));
    const http = await buildHttpServer(t.app.context, [
      webPlugin(t.app.context, { bundleDir: empty }),
    ]);
    const res = await http.inject({ url: '/crew' });

    expect(res.statusCode).toBe(503);
    expect(res.json().error).toMatchObject({ code: 'WEB_NOT_BUILT' });
    expect((await http.inject({ url: '/healthz' })).statusCode).toBe(200);
    await http.close();
    rmSync(empty, { recursive: true });
  });

  it('refuses a tile URL that is not a template, naming the key', () => {
    expect(() => loadConfig({ env: { PESAN_WEB_TILE_URL: 'tiles.local' }, overrides: {} })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ env: { PESAN_WEB_TILE_URL: 'tiles.local' }, overrides: {} })).toThrow(
      /web\.tileUrl/,
    );
    expect(loadConfig({ env: { PESAN_WEB_TILE_URL: 'none' }, overrides: {} }).web.tileUrl).toBe(
      'none',
    );
  });

  it('tells a token who it is', async () => {
    const crewToken = t.app.context.tokens.create('crew', 'phone 1', 'crew-1');
    const officeToken = t.app.context.tokens.create('office', 'desk 1');

    expect((await api(t, '/api/v1/me', { token: crewToken })).body).toEqual({
      role: 'crew',
      label: 'phone 1',
      crewId: 'crew-1',
      crewName: 'Regu 1',
      vehicleId: 'truck-1',
      lang: 'id',
    });
    expect((await api(t, '/api/v1/me', { token: officeToken })).body).toMatchObject({
      role: 'office',
      crewId: null,
    });
    expect((await api(t, '/api/v1/me', { token: 'nope' })).status).toBe(401);
  });

  it('keeps each token’s language on the server, the admin token’s too', async () => {
    const chooser = t.app.context.tokens.create('crew', 'phone 2', 'crew-1');
    const other = t.app.context.tokens.create('crew', 'phone 3', 'crew-1');
    const patch = (token: string, body: unknown) =>
      api(t, '/api/v1/me', { method: 'PATCH', token, body });

    const res = await patch(chooser, { lang: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'crew', label: 'phone 2', lang: 'en' });
    expect((await api(t, '/api/v1/me', { token: chooser })).body).toMatchObject({ lang: 'en' });
    expect((await api(t, '/api/v1/me', { token: other })).body).toMatchObject({ lang: 'id' });

    // The configured admin token has no token row: its choice is kept all the same.
    expect((await patch(ADMIN_TOKEN, { lang: 'en' })).status).toBe(200);
    expect((await api(t, '/api/v1/me')).body).toMatchObject({ role: 'admin', lang: 'en' });
    expect((await api(t, '/api/v1/me', { token: other })).body).toMatchObject({ lang: 'id' });

    const bad = await patch(other, { lang: 'fr' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('lang');
    expect((await patch(other, { lang: 'en', role: 'admin' })).status).toBe(400);
    const anonymous = { method: 'PATCH', token: null, body: { lang: 'en' } };
    expect((await api(t, '/api/v1/me', anonymous)).status).toBe(401);
    expect((await api(t, '/api/v1/me', { token: other })).body).toMatchObject({
      role: 'crew',
      lang: 'id',
    });
  });

  it('adds the language to the tokens of a database made before it existed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pesan-migrate-'));
    try {
      const file = join(dir, 'pesan.db');
      // A database as the first release left it: schema 1, one token issued.
      const old = new Database(file);
      old.exec(MIGRATIONS[0]!);
      old.pragma('user_version = 1');
      old
        .prepare(
          `INSERT INTO tokens (token_hash, role, crew_id, label, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(createHash('sha256').update('office_old').digest('hex'), 'office', null, 'old', 1);
      old.close();

      const db = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        const tokens = new TokenRepo(db, ADMIN_TOKEN);
        const principal = tokens.resolve('office_old');
        expect(principal).toMatchObject({ role: 'office', label: 'old', lang: 'id' });
        tokens.setLang(principal!, 'en');
        expect(tokens.resolve('office_old')?.lang).toBe('en');
        expect(() => db.prepare("UPDATE tokens SET lang = 'fr'").run()).toThrow(/CHECK/);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('CSV bin import', () => {
    const importCsv = (csv: string, token?: string) =>
      fetch(`${t.baseUrl}/api/v1/bins/import`, {
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          authorization: `Bearer ${token ?? 'test-admin-token-0123456789'}`,
        },
        body: csv,
      });

    it('lists every problem by line and column and imports nothing', async () => {
      const csv = [
        'id,kecamatan,siteName,kind,landUse,lat,lon,thresholdPct',
        'imp-1,ciruas,Pasar Ciruas,wheelie-660,market,-6.1,106.25,85',
        'imp-2,nowhere,Site,wheelie-240,school,-6.1,106.25,',
        'imp-3,ciruas,Site,bucket,school,-6.1,106.25,',
        'imp-4,ciruas,Site,wheelie-240,school,-96,106.25,',
        'imp-5,ciruas,Site,wheelie-240,school,"-6,1",east,',
        'imp-1,ciruas,Again,wheelie-240,office,-6.1,106.25,',
      ].join('\n');
      const res = await importCsv(csv);
      const body = (await res.json()) as {
        error: { code: string; message: string; details: { line: number; column: string }[] };
      };

      expect(res.status).toBe(400);
      expect(body.error.message).toBe('5 line(s) have problems; nothing was imported');
      const where = body.error.details.map((p) => `${p.line}:${p.column}`);
      expect(where).toEqual(['3:areaId', '4:kind', '5:lat', '6:lon', '7:id']);
      expect(t.app.context.registry.bin('imp-1')).toBeNull();
    });

    it('refuses a file without the required columns', async () => {
      const res = await importCsv('id,lat,lon,colour\nx,1,2,red\n');
      const body = (await res.json()) as { error: { details: { column: string }[] } };

      expect(res.status).toBe(400);
      expect(body.error.details.map((p) => p.column)).toEqual([
        'areaId',
        'siteName',
        'kind',
        'landUse',
        'colour',
      ]);
    });

    it('imports a clean file, geometry from the bin kind, and updates existing ids', async () => {
      const csv = [
        'id,kecamatan,siteName,kind,landUse,lat,lon',
        'imp-10,ciruas,Sekolah Ciruas,wheelie-240,school,-6.11,"106,26"',
        'bin-1,ciruas,Renamed,wheelie-660,residential,-6.1,106.25',
      ].join('\n');
      const res = await importCsv(csv);

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ imported: 2, created: 1, updated: 1 });
      expect(t.app.context.registry.bin('imp-10')).toMatchObject({
        volumeL: 240,
        mountHeightMm: 1_100,
        usableDepthMm: 950,
        lon: 106.26,
        thresholdPct: 80,
      });
      expect(t.app.context.registry.bin('bin-1')?.siteName).toBe('Renamed');
    });

    it('is for admins only', async () => {
      const office = t.app.context.tokens.create('office', 'desk 2');
      const res = await importCsv('id\n', office);

      expect(res.status).toBe(403);
    });
  });
});
