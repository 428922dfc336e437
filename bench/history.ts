/**
 * How fast the simulator backfills history: two weeks of the east pilot footprint
 * (demo-parameters 7.5) doubled to ~840 bins, one reading per bin every 15 minutes (~1.1 M).
 *
 * Reference, measured in the same run: a loop allocating the same number of reading objects
 * with the same count of PRNG draws but no fill model, heap merge or readout. The ratio says
 * how close the generator is to that floor.
 */
import { generateHistory } from '../firmware-sim/history.js';
import { SeededRandom } from '../firmware-sim/random.js';
import type { SimBin } from '../firmware-sim/sim-types.js';
import { DAY_MS } from '../firmware-sim/wib-time.js';

type Kind = [SimBin['landUse'], SimBin['kind'], count: number, volumeL: number, mountMm: number];

const PILOT: Kind[] = [
  ['market', 'armroll-skip-6m3', 4, 6000, 1800],
  ['market', 'wheelie-660', 24, 660, 1300],
  ['residential', 'armroll-skip-6m3', 16, 6000, 1800],
  ['residential', 'masonry-tps', 24, 2000, 1500],
  ['residential', 'wheelie-660', 200, 660, 1300],
  ['school', 'wheelie-240', 120, 240, 1100],
  ['office', 'wheelie-240', 30, 240, 1100],
];

function pilotBins(copies: number): SimBin[] {
  const bins: SimBin[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const [landUse, kind, count, volumeL, mountHeightMm] of PILOT) {
      for (let i = 0; i < count; i++) {
        bins.push({
          id: `${landUse}-${kind}-${copy}-${i}`,
          areaId: copy === 0 ? 'kibin' : 'cikande',
          landUse,
          kind,
          volumeL,
          mountHeightMm,
          usableDepthMm: Math.round(mountHeightMm * 0.83),
          reportIntervalS: 900,
        });
      }
    }
  }

  return bins;
}

function measureGenerator(bins: SimBin[], from: number, to: number) {
  const devices = bins.map((bin) => ({ id: `dev-${bin.id}`, binId: bin.id, enabled: true }));
  const started = performance.now();
  let count = 0;
  let checksum = 0;
  for (const reading of generateHistory({ bins, devices, from, to, seed: 2026 })) {
    count++;
    checksum += reading.payload.distance_mm ?? 0;
  }

  return { count, ms: performance.now() - started, checksum };
}

function measureReference(count: number, from: number) {
  const rng = new SeededRandom(2026);
  const started = performance.now();
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const ts = from + i;
    const reading = {
      deviceId: 'dev',
      binId: 'bin',
      ts,
      payload: {
        ts,
        seq: i,
        distance_mm: Math.round(800 + rng.gaussian(0, 3)),
        battery_pct: 90,
        battery_v: 4.1,
        temperature_c: 28 + rng.gaussian(0, 0.3),
        tilt_deg: Math.abs(rng.gaussian(2, 0.3)),
      },
    };
    checksum += reading.payload.distance_mm;
  }

  return { ms: performance.now() - started, checksum };
}

const to = Date.parse('2026-03-16T00:00:00+07:00');
const from = to - 14 * DAY_MS;
const bins = pilotBins(2);

// Warm-up so both loops run optimised code.
measureGenerator(bins.slice(0, 50), from, from + DAY_MS);
measureReference(100_000, from);

const generated = measureGenerator(bins, from, to);
const reference = measureReference(generated.count, from);
const perS = Math.round(generated.count / (generated.ms / 1000));
const referencePerS = Math.round(generated.count / (reference.ms / 1000));
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

console.log(`bins ${bins.length}, days 14, interval 900 s, readings ${generated.count}`);
console.log(`generator  ${generated.ms.toFixed(0)} ms  ${perS.toLocaleString('en')} readings/s`);
console.log(
  `reference  ${reference.ms.toFixed(0)} ms  ${referencePerS.toLocaleString('en')} readings/s`,
);
console.log(`ratio      ${(perS / referencePerS).toFixed(3)} (generator / reference)`);
console.log(`peak RSS   ${peakRssMb} MB  (checksums ${generated.checksum} ${reference.checksum})`);
console.log(
  JSON.stringify({
    bench: 'history',
    bins: bins.length,
    readings: generated.count,
    ms: Math.round(generated.ms),
    per_s: perS,
    reference_per_s: referencePerS,
    ratio: Math.round((perS / referencePerS) * 1000) / 1000,
    peak_rss_mb: peakRssMb,
  }),
);
