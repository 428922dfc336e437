import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations.js';
import { openDatabase } from '../../src/db/open-database.js';
import { buildSerangScenario } from '../../src/demo/serang-scenario.js';
import type { RegistrySnapshot, Site } from '../../src/domain/registry.js';
import { parseBinCsv } from '../../src/registry/bin-csv.js';
import { hashSecret } from '../../src/registry/device-secret.js';
import { RegistryRepo } from '../../src/registry/registry-repo.js';
import { parseSnapshot, SnapshotError } from '../../src/registry/snapshot-schema.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { api, smallRegistry, startTestApp } from '../helpers/test-app.js';

const temp = makeTempDir('registry-sites');
afterAll(() => temp.remove());

let dbCount = 0;
function freshRegistry() {
  const db = openDatabase(join(temp.path, `registry-${++dbCount}.db`));

  return { db, registry: new RegistryRepo(db) };
}

const market: Site = {
  id: 'ciruas-pasar-1',
  name: 'Pasar Ciruas',
  areaId: 'ciruas',
  landUse: 'market',
  lat: -6.105,
  lon: 106.255,
  address: 'Jl. Raya Serang - Jakarta',
};
const school: Site = { ...market, id: 'ciruas-sekolah-1', name: 'SDN Ciruas 1', address: null };

/** The small test registry with two sites; bin-1 and bin-2 at the market, bin-3 at none. */
function registryWithSites(): RegistrySnapshot {
  const { snapshot } = smallRegistry(3);
  const secretHash = hashSecret('sites-test');

  return {
    ...snapshot,
    sites: [market, school],
    bins: snapshot.bins.map((b, i) => ({ ...b, siteId: i < 2 ? market.id : null })),
    devices: snapshot.devices.map((d) => ({ ...d, secretHash })),
  };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotError) return error.problems;
    throw error;
  }
  throw new Error('the document was accepted');
}

describe('registry sites: JSON import and export', () => {
  it('round-trips sites and bin site links through replace and merge imports', () => {
    const source = freshRegistry();
    source.registry.importSnapshot(parseSnapshot(registryWithSites()), 'replace');
    const exported = JSON.parse(JSON.stringify(source.registry.exportSnapshot()));
    source.db.close();

    expect(exported.sites).toEqual([market, school]);
    expect(exported.bins.map((b: { id: string; siteId: string | null }) => b.siteId)).toEqual([
      market.id,
      market.id,
      null,
    ]);

    const replaced = freshRegistry();
    replaced.registry.importSnapshot(parseSnapshot(exported), 'replace');
    expect(replaced.registry.exportSnapshot()).toEqual(exported);

    // Merge: a document moving bin-3 to the school, naming a site the registry already has.
    const known = replaced.registry.exportSnapshot();
    const bin3 = { ...exported.bins[2], siteId: school.id };
    replaced.registry.importSnapshot(parseSnapshot({ bins: [bin3] }, known), 'merge');
    const merged = replaced.registry.exportSnapshot();
    replaced.db.close();
    expect(merged.sites).toEqual([market, school]);
    expect(merged.bins.map((b) => b.siteId)).toEqual([market.id, market.id, school.id]);
  });

  it('merges a document without sites (an older export) without losing site links', () => {
    const { db, registry } = freshRegistry();
    registry.importSnapshot(parseSnapshot(registryWithSites()), 'replace');
    const older = JSON.parse(JSON.stringify(registry.exportSnapshot()));
    delete older.sites;
    for (const b of older.bins) {
      delete b.siteId;
      b.siteName = `renamed ${b.id}`;
    }

    const parsed = parseSnapshot(older, registry.exportSnapshot());
    expect(parsed.sites).toEqual([]);
    registry.importSnapshot(parsed, 'merge');
    const bins = registry.bins();
    db.close();

    expect(bins.map((b) => [b.siteName, b.siteId])).toEqual([
      ['renamed bin-1', market.id],
      ['renamed bin-2', market.id],
      ['renamed bin-3', null],
    ]);
  });

  it('keeps a bin site when the bin is updated from a CSV row, which has no site column', () => {
    const { db, registry } = freshRegistry();
    registry.importSnapshot(parseSnapshot(registryWithSites()), 'replace');
    const csv = [
      'id,kecamatan,siteName,kind,landUse,lat,lon',
      'bin-1,ciruas,Pasar,wheelie-240,market,-6.1,106.25',
    ];
    const result = parseBinCsv(csv.join('\n'), new Set(['ciruas']));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    registry.importSnapshot({ ...parseSnapshot({}), bins: result.bins }, 'merge');
    const bin = registry.bin('bin-1');
    db.close();

    expect(bin).toMatchObject({ kind: 'wheelie-240', siteName: 'Pasar', siteId: market.id });
  });

  it('refuses a site in an unknown area and a bin at an unknown site, naming each item', () => {
    const doc = registryWithSites();
    const bad = {
      ...doc,
      sites: [market, { ...school, areaId: 'atlantis' }],
      bins: doc.bins.map((b, i) => (i === 2 ? { ...b, siteId: 'pasar-nowhere' } : b)),
    };

    expect(problemsOf(() => parseSnapshot(bad))).toEqual([
      'sites[1].areaId: unknown area "atlantis"',
      'bins[2].siteId: unknown site "pasar-nowhere"',
    ]);
    // Merge: a site the registry does not have is refused; one it has is accepted.
    const { db, registry } = freshRegistry();
    registry.importSnapshot(parseSnapshot(doc), 'replace');
    const known = registry.exportSnapshot();
    db.close();
    const bin = { ...doc.bins[0]!, siteId: 'ciruas-ruko-9' };
    expect(problemsOf(() => parseSnapshot({ bins: [bin] }, known))).toEqual([
      'bins[0].siteId: unknown site "ciruas-ruko-9"',
    ]);
    expect(parseSnapshot({ bins: [{ ...bin, siteId: school.id }] }, known).bins).toHaveLength(1);
    expect(problemsOf(() => parseSnapshot({ sites: [{ ...market, landUse: 'farm' }] }))).toEqual([
      expect.stringMatching(/^sites\.0\.landUse: /),
    ]);
  });
});

describe('registry sites: schema migration', () => {
  it('opens a database made by the previous migrations, keeping its bins, and adds sites', () => {
    const file = join(temp.path, 'before-sites.db');
    const old = new Database(file);
    // The operational database as the release before sites left it: migrations 1 and 2.
    for (const migration of MIGRATIONS.slice(0, 2)) old.exec(migration);
    old.pragma('user_version = 2');
    old.exec(`
      INSERT INTO areas (id, name, code, lat, lon, population)
        VALUES ('ciruas', 'Ciruas', '36.04.01', -6.1, 106.25, 1);
      INSERT INTO bins (id, area_id, site_name, kind, volume_l, mount_height_mm,
        usable_depth_mm, land_use, lat, lon, threshold_pct, report_interval_s, enabled)
        VALUES ('old-bin', 'ciruas', 'TPS lama', 'masonry-tps', 3000, 1500, 1200,
          'residential', -6.1, 106.25, 80, 600, 1);
      INSERT INTO devices (id, bin_id, model, secret_hash, enabled)
        VALUES ('old-dev', 'old-bin', 'pesan-native', 'scrypt$00$00', 1);
    `);
    old.close();

    const db = openDatabase(file);
    const registry = new RegistryRepo(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(registry.bins()).toEqual([
      expect.objectContaining({ id: 'old-bin', siteName: 'TPS lama', siteId: null }),
    ]);
    expect(registry.devices().map((d) => d.binId)).toEqual(['old-bin']);
    expect(registry.sites()).toEqual([]);

    // The upgraded database takes a site and links the old bin to it.
    const known = registry.exportSnapshot();
    const site = { ...market, id: 'tps-lama' };
    const bin = { ...known.bins[0]!, siteId: site.id };
    registry.importSnapshot(parseSnapshot({ sites: [site], bins: [bin] }, known), 'merge');
    expect(registry.bin('old-bin')?.siteId).toBe('tps-lama');
    // The column is a real reference: a bin cannot point at a site that is not there.
    expect(() => registry.upsertBin({ ...bin, siteId: 'ghost' })).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('registry sites: demo scenario', () => {
  it.each(['pilot', 'regency'] as const)(
    'gives every %s bin a site that exists and shares its area and land use',
    (scope) => {
      const { snapshot } = buildSerangScenario({ scope });
      const sites = new Map(snapshot.sites.map((s) => [s.id, s]));
      expect(sites.size).toBe(snapshot.sites.length);

      for (const bin of snapshot.bins) {
        const site = sites.get(bin.siteId ?? '');
        expect(site, bin.id).toBeDefined();
        expect([site?.name, site?.areaId, site?.landUse]).toEqual([
          bin.siteName,
          bin.areaId,
          bin.landUse,
        ]);
      }
      // Every site holds containers; the markets hold several (a skip and 660 L bins).
      const perSite = new Map<string | null | undefined, unknown[]>();
      for (const b of snapshot.bins) perSite.set(b.siteId, [...(perSite.get(b.siteId) ?? []), b]);
      expect(perSite.size).toBe(sites.size);
      for (const site of snapshot.sites.filter((s) => s.landUse === 'market')) {
        expect(perSite.get(site.id)?.length).toBe(7);
      }

      // And the registry takes it: references check out and the links survive storage.
      const secretHash = 'scrypt$00$00';
      const doc = { ...snapshot, devices: snapshot.devices.map((d) => ({ ...d, secretHash })) };
      const { db, registry } = freshRegistry();
      registry.importSnapshot(parseSnapshot(doc), 'replace');
      const stored = registry.exportSnapshot();
      db.close();
      expect(stored.sites).toHaveLength(snapshot.sites.length);
      expect(stored.bins.filter((b) => b.siteId === null)).toEqual([]);
    },
  );
});

describe('registry sites: HTTP', () => {
  it('lists bins with siteId; refuses a registry document naming an unknown site', async () => {
    const t = await startTestApp({}, { ...smallRegistry(2), snapshot: withSites() });
    try {
      const list = await api(t, '/api/v1/bins');
      expect(list.status).toBe(200);
      const bins = (list.body as { bins: { id: string; siteId?: string | null }[] }).bins;
      expect(bins.map((b) => [b.id, b.siteId])).toEqual([
        ['bin-1', market.id],
        ['bin-2', null],
      ]);

      const refused = await api(t, '/api/v1/registry', {
        method: 'POST',
        body: { bins: [{ ...smallRegistry(1).snapshot.bins[0], siteId: 'pasar-ghost' }] },
      });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(
        'bins[0].siteId: unknown site \\"pasar-ghost\\"',
      );

      const exported = await api(t, '/api/v1/registry');
      expect((exported.body as { sites: Site[] }).sites).toEqual([market]);
    } finally {
      await t.close();
    }
  }, 30_000);
});

function withSites(): RegistrySnapshot {
  const { snapshot } = smallRegistry(2);

  return {
    ...snapshot,
    sites: [market],
    bins: snapshot.bins.map((b, i) => ({ ...b, siteId: i === 0 ? market.id : null })),
  };
}
