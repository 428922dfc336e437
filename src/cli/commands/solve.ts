import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { checkCvrpSolution } from '../../routing/check/cvrp-checker.js';
import { conventionFor, instanceFromVrp } from '../../routing/cvrplib/conventions.js';
import { parseVrp } from '../../routing/cvrplib/parse-vrp.js';
import { solveCvrp } from '../../routing/engine/solve-cvrp.js';

const positiveSeconds = (value: string): number => {
  const s = Number(value);
  if (!(s > 0) || !Number.isFinite(s)) throw new InvalidArgumentError('expected seconds > 0');
  return s;
};

const seedNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected an integer >= 0');
  return n;
};

/**
 * `pesan solve <instance.vrp>`: solves a CVRPLIB instance with the routing engine, using the
 * instance set's conventions (rounding, fleet), checks the result independently, prints the
 * routes in CVRPLIB .sol form and, last, one JSON line {"cost","routes","time_s"}.
 */
export function solveCommand(
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Command {
  return new Command('solve')
    .description('solve a CVRPLIB .vrp instance and print its routes')
    .argument('<instance>', 'path to a CVRPLIB .vrp file (EUC_2D)')
    .option('--time-limit <s>', 'time limit in seconds', positiveSeconds, 10)
    .option('--seed <n>', 'random seed', seedNumber, 1)
    .action(async function (
      this: Command,
      file: string,
      opts: { timeLimit: number; seed: number },
    ) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        this.error(`cannot read ${file}: ${(err as Error).message}`);
      }

      let vrp: ReturnType<typeof parseVrp>;
      try {
        vrp = parseVrp(text);
      } catch (err) {
        this.error(`${file} is not a usable CVRPLIB instance: ${(err as Error).message}`);
      }

      const convention = conventionFor(vrp.name);
      const instance = instanceFromVrp(vrp, convention);
      const started = performance.now();
      const solution = solveCvrp(instance, { timeLimitMs: opts.timeLimit * 1000, seed: opts.seed });
      const seconds = (performance.now() - started) / 1000;

      const check = checkCvrpSolution(
        {
          x: vrp.x,
          y: vrp.y,
          demand: vrp.demand,
          capacity: vrp.capacity,
          round: convention.round,
          maxRoutes: instance.maxRoutes,
          durationLimit: vrp.distanceLimit,
          serviceTime: vrp.serviceTime,
        },
        solution.routes,
        solution.cost,
      );
      if (!solution.feasible || !check.ok) {
        this.error(`no feasible solution found: ${check.problems.slice(0, 5).join('; ')}`);
      }

      for (const [r, route] of solution.routes.entries())
        out(`Route #${r + 1}: ${route.join(' ')}`);
      out(`Cost ${round(check.cost)}`);
      out(
        JSON.stringify({
          cost: round(check.cost),
          routes: solution.routes,
          time_s: round(seconds),
        }),
      );
    });
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
