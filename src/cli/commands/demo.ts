import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { startFleet } from '../../../firmware-sim/fleet.js';
import { createApp } from '../../app/create-app.js';
import { backfillHistory } from '../../demo/backfill.js';
import { closeTheLoop } from '../../demo/close-the-loop.js';
import { fleetDevicesOf, seedRegistry } from '../../demo/seed.js';
import { buildSerangScenario, type ScenarioScope } from '../../demo/serang-scenario.js';
import type { StoredPlan } from '../../routing/plan-repo.js';
import type { VehiclePlan } from '../../routing/plan-types.js';
import { wibDate } from '../../shared/wib.js';
import { configOrExit, withConfigOption } from '../config-option.js';
import { runUntilSignal } from '../run-until-signal.js';

interface DemoOptions {
  config?: string;
  scope: ScenarioScope;
  seed: string;
  days: string;
  speed: string;
  live: boolean;
  dataDir?: string;
}

export function demoCommand(): Command {
  return withConfigOption(
    new Command('demo')
      .description(
        'seed the Kabupaten Serang scenario, backfill simulated history, start everything ' +
          'with a live simulated fleet, plan today and print the URLs',
      )
      .addOption(
        new Option('--scope <scope>', 'east pilot cluster or whole regency')
          .choices(['pilot', 'regency'])
          .default('pilot'),
      )
      .option('--seed <n>', 'scenario and simulation seed', '7')
      .option('--days <n>', 'days of history to backfill', '14')
      .option('--speed <x>', 'live simulation speed-up (60: 15 min of bin life in 15 s)', '60')
      .option('--no-live', 'no live fleet: backfill, plan, print, keep serving')
      .option('--data-dir <dir>', 'demo data folder (wiped at start)', './data/demo'),
  ).action(async (options: DemoOptions) => {
    const seed = Number.parseInt(options.seed, 10);
    const days = Number.parseFloat(options.days);
    const speed = Number.parseFloat(options.speed);
    const dataDir = options.dataDir ?? './data/demo';
    rmSync(dataDir, { recursive: true, force: true });
    // The demo's own summary is what a person reads: keep routine logs out of its way unless
    // a level was asked for.
    const quiet = process.env.PESAN_LOG_LEVEL ? {} : { log: { level: 'warn' } };
    const config = configOrExit(options.config, { dataDir, ...quiet });

    const app = await createApp(config, { scheduler: true });
    const scenario = buildSerangScenario({ scope: options.scope, seed });
    await seedRegistry(app.context.registry, scenario.snapshot, scenario.secrets);
    app.context.directory.reload();
    const { bins, devices, vehicles } = scenario.snapshot;
    process.stdout.write(
      `Seeded Kabupaten Serang (${options.scope}): ${bins.length} bins, ` +
        `${vehicles.length} vehicles, data in ${dataDir}\n`,
    );

    const now = Date.now();
    const from = now - days * 86_400_000;
    const bar = new SingleBar({
      format: 'Backfilling {days} days |{bar}| {value} readings',
      hideCursor: true,
    });
    const expected = Math.round(
      bins.reduce((sum, b) => sum + (days * 86_400) / b.reportIntervalS, 0),
    );
    bar.start(expected, 0, { days });
    const history = await backfillHistory(app, {
      from,
      to: now,
      seed,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();

    const stored = await app.context.planner.plan(wibDate(now), 'demo', now);
    const crew = printedCrew(stored);
    const { httpPort, mqttPort } = await app.listen();

    let stopFleet = async () => {};
    if (options.live) {
      const fleet = startFleet({
        brokerUrl: `mqtt://127.0.0.1:${mqttPort}`,
        devices: fleetDevicesOf(scenario.snapshot, scenario.secrets),
        speed,
        seed,
        resumeFrom: from,
        badFrameRate: 0.002,
        logger: app.context.logger.child({ component: 'sim' }),
      });
      // The crew whose link is printed is left to the person trying the crew page.
      const unfollow = closeTheLoop(app, fleet, speed, new Set([crew]));
      app.context.bus.emit('plan', { date: stored.date });
      stopFleet = async () => {
        unfollow();
        await fleet.stop();
      };
    }

    const officeToken = app.context.tokens.create('office', 'demo office');
    const crewToken = app.context.tokens.create('crew', `demo ${crew}`, crew);
    const base = config.http.publicUrl ?? `http://localhost:${httpPort}`;
    const served = stored.plan.vehicles.reduce((n, v) => n + pickupCount(v), 0);

    process.stdout.write(
      [
        '',
        `History: ${history.stored} readings stored, ${history.rejected} bad frames refused`,
        `Plan for ${stored.date}: ${served} pickups on ` +
          `${stored.plan.vehicles.filter((v) => v.trips.length > 0).length} vehicles, ` +
          `${stored.plan.unserved.length} bins not served (with reasons)`,
        '',
        // Tokens ride in the fragment: the pages read it, and it never reaches a server log.
        `Dashboard   ${base}/#token=${officeToken}`,
        `Crew page   ${base}/crew#token=${crewToken}`,
        `API docs    ${base}/docs`,
        `MQTT        mqtt://localhost:${mqttPort} ` +
          `(WebSocket: ${base.replace('http', 'ws')}${config.mqtt.wsPath})`,
        `Office token  ${officeToken}`,
        `Admin token   ${app.adminToken}  (also in ${join(dataDir, 'admin-token')})`,
        '',
        `Pickup list of ${crew}:`,
        `  curl -H 'Authorization: Bearer ${crewToken}' ${base}/api/v1/crews/${crew}/pickups`,
        options.live
          ? `Live fleet: ${devices.length} simulated sensors at ${speed}x. Ctrl-C stops.`
          : '',
        '',
      ].join('\n'),
    );
    runUntilSignal(app, stopFleet);
  });
}

/** The crew whose page and pickup list the demo prints: the one with the most stops to try. */
function printedCrew(stored: StoredPlan): string {
  let best: { crewId: string; pickups: number } | null = null;
  for (const v of stored.plan.vehicles) {
    if (!v.crewId) continue;
    const pickups = pickupCount(v);
    if (pickups > 0 && (best === null || pickups > best.pickups))
      best = { crewId: v.crewId, pickups };
  }

  return best?.crewId ?? 'crew-dump-1';
}

/** The pickups on a vehicle's trips (disposal and depot visits are not counted). */
function pickupCount(vehicle: VehiclePlan): number {
  return vehicle.trips.reduce((n, t) => n + t.stops.filter((s) => s.type === 'pickup').length, 0);
}
