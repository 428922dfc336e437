/**
 * Route optimisation benchmark: the CVRP engine on CVRPLIB sets (cost, gap to the best-known
 * solution, time; per-set mean/median/max gap) and the Serang day planner's time.
 * Usage: npm run bench:routing -- [--sets A,B,P,CMT,X] [--small-s 1] [--x-s 30] [--seed 1]
 * The last line printed is one JSON object with the headline figures.
 */
import { Command } from 'commander';
import {
  type InstanceResult,
  listInstances,
  loadBks,
  runInstance,
} from './routing/cvrplib-suite.js';
import { runSerangDay } from './routing/serang-bench.js';
import { round, summarize } from './routing/stats.js';

const DEFAULT_X = ['X-n101-k25', 'X-n200-k36', 'X-n401-k29', 'X-n801-k40', 'X-n1001-k43'];

const program = new Command()
  .name('bench:routing')
  .option('--sets <list>', 'comma-separated sets to run', 'A,B,P,CMT,X')
  .option('--small-s <seconds>', 'time limit per A, B, P instance', '1')
  .option('--cmt-s <seconds>', 'time limit per CMT instance', '2')
  .option('--x-s <seconds>', 'time limit per X instance', '30')
  .option('--serang-s <seconds>', 'time limit of the Serang day plan', '8')
  .option('--instances <list>', 'only these instance names (comma-separated)')
  .option('--seed <n>', 'random seed', '1')
  .parse();

const opts = program.opts<{
  sets: string;
  smallS: string;
  cmtS: string;
  xS: string;
  serangS: string;
  instances?: string;
  seed: string;
}>();

const seed = Number(opts.seed);
const limits: Record<string, number> = {
  A: Number(opts.smallS),
  B: Number(opts.smallS),
  P: Number(opts.smallS),
  CMT: Number(opts.cmtS),
  X: Number(opts.xS),
};
const only = opts.instances ? new Set(opts.instances.split(',')) : null;
const bks = loadBks();
const results: InstanceResult[] = [];
const sets = opts.sets.split(',').filter((s) => s !== '');

const pad = (s: string | number, width: number): string => String(s).padStart(width);
console.log(
  `${'instance'.padEnd(14)}${pad('n', 6)}${pad('bks', 10)}${pad('cost', 10)}${pad('gap%', 8)}` +
    `${pad('ref gap%', 10)}${pad('time s', 8)}${pad('best s', 8)}  check`,
);
for (const set of sets) {
  const names = (set === 'X' ? DEFAULT_X : listInstances(set)).filter((n) => !only || only.has(n));
  for (const name of names) {
    const r = runInstance(name, limits[set] ?? 1, seed, bks);
    results.push(r);
    console.log(
      `${name.padEnd(14)}${pad(r.customers, 6)}${pad(r.bks, 10)}${pad(round(r.cost, 2), 10)}` +
        `${pad(r.gapPct.toFixed(2), 8)}${pad(r.referenceGapPct.toFixed(2), 10)}` +
        `${pad(r.seconds.toFixed(2), 8)}${pad(r.secondsToBest.toFixed(2), 8)}  ` +
        `${r.problems.length === 0 ? 'ok' : `FAILED: ${r.problems.join('; ')}`}`,
    );
  }
}

const headline: Record<string, Record<string, number>> = {};
console.log('\nper set (gap to best-known, %; reference = savings + one local search)');
for (const set of sets) {
  const rows = results.filter((r) => r.set === set);
  if (rows.length === 0) continue;

  const gap = summarize(rows.map((r) => r.gapPct));
  const ref = summarize(rows.map((r) => r.referenceGapPct));
  const maxS = Math.max(...rows.map((r) => r.seconds));
  headline[set] = {
    instances: rows.length,
    time_limit_s: limits[set] ?? 1,
    mean_gap_pct: round(gap.mean, 3),
    median_gap_pct: round(gap.median, 3),
    max_gap_pct: round(gap.max, 3),
    max_s: round(maxS, 2),
    reference_mean_gap_pct: round(ref.mean, 3),
  };
  console.log(
    `${set.padEnd(4)} ${pad(rows.length, 3)} instances, limit ${limits[set]} s: ` +
      `mean ${gap.mean.toFixed(3)}  median ${gap.median.toFixed(3)}  max ${gap.max.toFixed(3)}  ` +
      `max time ${maxS.toFixed(2)} s | reference mean ${ref.mean.toFixed(3)} ` +
      `(engine/reference gap ratio ${(gap.mean / ref.mean).toFixed(3)})`,
  );
}

const serang = await runSerangDay(Number(opts.serangS), seed);
const serangCheck =
  serang.problems.length === 0 ? 'check ok' : `FAILED: ${serang.problems.join('; ')}`;
console.log(
  `\nSerang day: ${serang.candidates} candidates, ${serang.vehicles} vehicles: planned in ` +
    `${serang.seconds.toFixed(2)} s (limit ${opts.serangS} s), served ${serang.served}, unserved ` +
    `${serang.unserved}, ${serang.distanceKm.toFixed(1)} km, ${serang.collectedT.toFixed(1)} t, ` +
    `${serang.fuelLitres.toFixed(0)} L fuel | reference (construction only, ` +
    `${serang.constructionSeconds.toFixed(2)} s): served ${serang.constructionServed}, ` +
    `${serang.constructionKm.toFixed(1)} km | ${serangCheck}`,
);

const failures =
  results.filter((r) => r.problems.length > 0).length + (serang.problems.length > 0 ? 1 : 0);
if (failures > 0) process.exitCode = 1;

console.log(
  JSON.stringify({
    bench: 'routing',
    seed,
    sets: headline,
    serang_day: {
      candidates: serang.candidates,
      vehicles: serang.vehicles,
      plan_s: round(serang.seconds, 2),
      served: serang.served,
      unserved: serang.unserved,
      distance_km: round(serang.distanceKm, 1),
      reference_distance_km: round(serang.constructionKm, 1),
      reference_served: serang.constructionServed,
    },
    failed_checks: failures,
  }),
);
