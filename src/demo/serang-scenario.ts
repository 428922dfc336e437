import { createHmac } from 'node:crypto';
import { BIN_KIND_SPECS } from '../domain/bin-kinds.js';
import type {
  Bin,
  BinKind,
  Crew,
  Device,
  LandUse,
  RegistrySnapshot,
  Site,
  Vehicle,
} from '../domain/registry.js';
import { offsetKm } from '../shared/geo.js';
import { seededRandom } from '../shared/random.js';
import { type KecamatanInfo, loadFacilities, loadKecamatan } from './serang-sources.js';

/**
 * The demo registry, following scenarios/serang/demo-parameters.md section 7.5: the east pilot
 * cluster (Kibin, Cikande, Kragilan, Ciruas) by default, or the whole regency scaled by
 * population. Same seed, same scenario.
 */

export type ScenarioScope = 'pilot' | 'regency';

export const PILOT_AREAS = ['kibin', 'cikande', 'kragilan', 'ciruas'];

interface SiteGroup {
  landUse: LandUse;
  label: string;
  sites: number;
  bins: { kind: BinKind; count: number }[];
}

/** Pilot assets (section 7.5); the regency scope multiplies the counts per kecamatan. */
const PILOT_GROUPS: SiteGroup[] = [
  {
    landUse: 'market',
    label: 'Pasar',
    sites: 4,
    bins: [
      { kind: 'armroll-skip-6m3', count: 1 },
      { kind: 'wheelie-660', count: 6 },
    ],
  },
  {
    landUse: 'residential',
    label: 'TPS kontainer',
    sites: 16,
    bins: [{ kind: 'armroll-skip-6m3', count: 1 }],
  },
  {
    landUse: 'residential',
    label: 'Bak sampah TPS',
    sites: 24,
    bins: [{ kind: 'masonry-tps', count: 1 }],
  },
  {
    landUse: 'residential',
    label: 'Perumahan',
    sites: 200,
    bins: [{ kind: 'wheelie-660', count: 1 }],
  },
  { landUse: 'school', label: 'Sekolah', sites: 60, bins: [{ kind: 'wheelie-240', count: 2 }] },
  { landUse: 'office', label: 'Kantor', sites: 30, bins: [{ kind: 'wheelie-240', count: 1 }] },
  { landUse: 'shophouse', label: 'Ruko', sites: 12, bins: [{ kind: 'wheelie-240', count: 1 }] },
];

export interface DemoScenario {
  snapshot: RegistrySnapshot;
  /** Plain device secrets, so the simulator can log in; only hashes go to the registry. */
  secrets: Map<string, string>;
}

/** Deterministic per seed so a re-seeded demo keeps its simulator credentials valid. */
export function demoSecret(seed: number, deviceId: string): string {
  return createHmac('sha256', `pesan-demo-${seed}`).update(deviceId).digest('base64url');
}

function placeBins(
  areas: KecamatanInfo[],
  /** The area's share of the pilot assets: its population over the pilot's. */
  share: (area: KecamatanInfo) => number,
  random: () => number,
): { sites: Site[]; bins: Bin[] } {
  const sites: Site[] = [];
  const bins: Bin[] = [];

  for (const group of PILOT_GROUPS) {
    for (const area of areas) {
      const siteCount = Math.max(
        group.landUse === 'market' ? 1 : 0,
        Math.round(group.sites * share(area)),
      );
      const radiusKm = Math.sqrt(area.areaKm2 / Math.PI) * 0.8;

      for (let s = 1; s <= siteCount; s++) {
        const at = offsetKm(area, radiusKm * Math.sqrt(random()), random() * 2 * Math.PI);
        const siteName = `${group.label} ${area.name} ${s}`;
        // The group's first word and number tell its sites apart within a kecamatan.
        const siteId = `${area.id}-${group.label.split(' ')[0]!.toLowerCase()}-${s}`;
        sites.push({
          id: siteId,
          name: siteName,
          areaId: area.id,
          landUse: group.landUse,
          ...at,
          address: null,
        });
        let n = 0;
        for (const { kind, count } of group.bins) {
          for (let c = 0; c < count; c++) {
            n++;
            const spec = BIN_KIND_SPECS[kind];
            bins.push({
              id: `${siteId}-${n}`,
              areaId: area.id,
              siteName,
              siteId,
              kind,
              volumeL: spec.volumeL,
              mountHeightMm: spec.mountHeightMm,
              usableDepthMm: spec.usableDepthMm,
              landUse: group.landUse,
              // Containers in one site sit a few metres apart.
              ...offsetKm(at, 0.005 * c, random() * 2 * Math.PI),
              thresholdPct: 80,
              reportIntervalS: kind === 'armroll-skip-6m3' || kind === 'masonry-tps' ? 600 : 900,
              enabled: true,
            });
          }
        }
      }
    }
  }

  return { sites, bins };
}

function fleet(scope: ScenarioScope): { vehicles: Vehicle[]; crews: Crew[] } {
  const counts =
    scope === 'pilot'
      ? { dump: 8, armRoll: 4, threeWheeler: 10 }
      : { dump: 36, armRoll: 14, threeWheeler: 42 };
  const vehicles: Vehicle[] = [];
  const add = (prefix: string, n: number, v: Omit<Vehicle, 'id'>) => {
    for (let i = 1; i <= n; i++) vehicles.push({ id: `${prefix}-${i}`, ...v });
  };

  add('dump', counts.dump, {
    kind: 'dump-truck',
    capacityM3: 6,
    capacityKg: 1_500,
    depotId: 'depot-dlh',
    available: true,
    maxTrips: 2,
  });
  add('armroll', counts.armRoll, {
    kind: 'arm-roll',
    capacityM3: 6,
    capacityKg: 1_500,
    depotId: 'depot-dlh',
    available: true,
    maxTrips: 2,
  });
  add('roda3', counts.threeWheeler, {
    kind: 'three-wheeler',
    capacityM3: 1.75,
    capacityKg: 450,
    depotId: 'depot-dlh',
    available: true,
    maxTrips: 3,
  });

  // Shift pagi 05:00-12:00 WIB (demo-parameters 7.4).
  const crews = vehicles.map((v) => ({
    id: `crew-${v.id}`,
    name: `Regu ${v.id}`,
    vehicleId: v.id,
    shiftStartMin: 5 * 60,
    shiftEndMin: 12 * 60,
  }));

  return { vehicles, crews };
}

export function buildSerangScenario(
  options: { scope?: ScenarioScope; seed?: number } = {},
): DemoScenario {
  const scope = options.scope ?? 'pilot';
  const seed = options.seed ?? 7;
  const random = seededRandom(seed);
  const kecamatan = loadKecamatan();
  const ciruas = kecamatan.find((k) => k.id === 'ciruas')!;
  const facilities = loadFacilities(ciruas);

  const served =
    scope === 'pilot' ? kecamatan.filter((k) => PILOT_AREAS.includes(k.id)) : kecamatan;
  // Regency scope: every kecamatan gets the pilot's assets per inhabitant.
  const population = (a: KecamatanInfo) => a.population ?? 0;
  const pilotPopulation = kecamatan
    .filter((a) => PILOT_AREAS.includes(a.id))
    .reduce((s, a) => s + population(a), 0);
  const { sites, bins } = placeBins(served, (a) => population(a) / pilotPopulation, random);

  const secrets = new Map<string, string>();
  const devices: Device[] = bins.map((bin) => {
    const id = `sensor-${bin.id}`;
    secrets.set(id, demoSecret(seed, id));

    return {
      id,
      binId: bin.id,
      model: 'pesan-native',
      secretHash: '',
      enabled: true,
      devEui: null,
    };
  });

  const areas = kecamatan.map(({ areaKm2: _unused, ...area }) => area);

  return { snapshot: { areas, sites, facilities, bins, devices, ...fleet(scope) }, secrets };
}
