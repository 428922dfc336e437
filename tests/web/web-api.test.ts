import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpServer } from '../../src/api/http-server.js';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { defaultBundleDir } from '../../src/web/web-assets.js';
import { webPlugin } from '../../src/web/web-plugin.js';
import { api, startTestApp, type TestApp } from '../helpers/test-app.js';

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
    });
    expect((await api(t, '/api/v1/me', { token: officeToken })).body).toMatchObject({
      role: 'office',
      crewId: null,
    });
    expect((await api(t, '/api/v1/me', { token: 'nope' })).status).toBe(401);
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
