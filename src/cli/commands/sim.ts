import { Command, Option } from 'commander';
import pino from 'pino';
import { loadDevicesFile } from '../../../firmware-sim/devices-file.js';
import type { FleetStats } from '../../../firmware-sim/fleet-stats.js';
import {
  type LorawanRunStats,
  loadLoraDevicesFile,
  runLorawanScenarios,
} from '../../../firmware-sim/lorawan/run-lorawan.js';
import { runSimulation } from '../../../firmware-sim/run-simulation.js';
import { integer, isoTime, positiveNumber, probability } from '../option-parsers.js';

interface SimCliOptions {
  broker: string;
  devices: string;
  speed: number;
  duration?: number;
  api?: string;
  token?: string;
  seed: number;
  collections?: 'cadence' | 'external';
  badFrameRate: number;
  resumeFrom?: number;
  poll: number;
  emptyDelay: number;
  fireRate: number;
  fallenRate: number;
  logLevel: string;
  progress: boolean;
  lorawan?: 'ttn' | 'chirpstack';
  nsUser?: string;
  nsPassword?: string;
  application?: string;
}

function summary(stats: FleetStats): string {
  return (
    `sim: ${stats.devices} devices, ${stats.published} readings sent ` +
    `(${stats.acked} acknowledged, ${stats.badFrames} broken on purpose, ` +
    `${stats.dropped + stats.unsent} not sent), ${stats.emptied} bins emptied, ` +
    `${stats.authFailures} refused logins`
  );
}

function lorawanSummary(kind: string, stats: LorawanRunStats): string {
  const p = stats.published;
  const total = p.reading + p.duplicate + p['rejected-frame'] + p['rejected-envelope'];

  return (
    `sim: ${stats.devices} LoRaWAN devices behind ${kind}, ${total} messages acknowledged ` +
    `(${p.reading} readings, ${p.duplicate} duplicates, ${p['rejected-frame']} bad frames, ` +
    `${p['rejected-envelope']} bad envelopes)`
  );
}

/** `pesan sim --lorawan`: the network server's integration account publishes the scenarios. */
async function runLorawan(command: Command, options: SimCliOptions): Promise<void> {
  if (options.nsUser === undefined || options.nsPassword === undefined) {
    command.error(
      'error: --lorawan needs --ns-user and --ns-password (the integration account; the ' +
        'password can come from PESAN_NS_PASSWORD)',
    );
  }
  if (options.api !== undefined) {
    command.error('error: --api follows plans for native sensors; it does not go with --lorawan');
  }
  const kind = options.lorawan!;
  const devices = await loadLoraDevicesFile(options.devices, options.application).catch(
    (error: Error) => command.error(`error: ${error.message}`),
  );
  const target = { url: options.broker, username: options.nsUser, password: options.nsPassword };
  const stats = await runLorawanScenarios({ kind, target, devices, nowMs: Date.now() }).catch(
    (error: Error) =>
      command.error(
        `error: publishing to ${options.broker} as ${options.nsUser}: ${error.message}`,
      ),
  );
  process.stdout.write(`${lorawanSummary(kind, stats)}\n`);
}

/** `pesan sim`: runs simulated bin sensors against a broker, optionally following the plans. */
export function simCommand(): Command {
  return new Command('sim')
    .description(
      'Run simulated bin sensors over MQTT: fill curves by land use, noise, occasional bad ' +
        'frames, last will and reconnects. With --api, bins on the day plan get emptied.',
    )
    .requiredOption('--broker <url>', 'MQTT broker URL, e.g. mqtt://127.0.0.1:1883')
    .requiredOption(
      '--devices <file>',
      'JSON file: [{ deviceId, secret, bin }] (see firmware-sim/README.md)',
    )
    .option('--speed <n>', 'time acceleration (60 = an hour per minute)', positiveNumber, 1)
    .option(
      '--duration <s>',
      'stop after this many wall-clock seconds (default: until Ctrl-C)',
      positiveNumber,
    )
    .option('--api <url>', 'Pesan Ibu API base URL: follow the day plan and empty its bins')
    .addOption(new Option('--token <token>', 'API token able to read plans').env('PESAN_TOKEN'))
    .option('--seed <n>', 'random seed (same seed, same curves)', integer, 1)
    .addOption(
      new Option(
        '--collections <mode>',
        'who empties bins (default: external with --api, else cadence)',
      ).choices(['cadence', 'external']),
    )
    .option('--bad-frame-rate <p>', 'share of deliberately broken frames', probability, 0.002)
    .option(
      '--resume-from <time>',
      'continue a backfill that began at this time (same seed)',
      isoTime,
    )
    .option('--poll <s>', 'plan polling interval, seconds', positiveNumber, 60)
    .option(
      '--empty-delay <s>',
      'seconds between a bin appearing on the plan and its emptying',
      positiveNumber,
      10,
    )
    .option('--fire-rate <p>', 'fire-risk episodes per bin per day', probability, 0)
    .option('--fallen-rate <p>', 'fallen-bin episodes per bin per day', probability, 0)
    .addOption(
      new Option('--log-level <level>', 'log level on stderr')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('warn'),
    )
    .option('--no-progress', 'no progress line')
    .addOption(
      new Option(
        '--lorawan <server>',
        'act as LoRaWAN devices behind a simulated network server: each device of the ' +
          'devices file ({ deviceId, model, devEui, applicationId }) plays its scenario once',
      ).choices(['ttn', 'chirpstack']),
    )
    .option('--ns-user <name>', "the network server's integration account on the broker")
    .addOption(new Option('--ns-password <password>', 'its password').env('PESAN_NS_PASSWORD'))
    .option(
      '--application <id>',
      'TTN application id / ChirpStack application UUID for devices that name none',
    )
    .action(async function (this: Command, options: SimCliOptions) {
      if (options.lorawan !== undefined) {
        await runLorawan(this, options);
        return;
      }
      if ((options.api === undefined) !== (options.token === undefined)) {
        this.error('error: --api and --token go together (the token can come from PESAN_TOKEN)');
      }
      const logger = pino({ level: options.logLevel }, pino.destination(2));
      const devices = await loadDevicesFile(options.devices);

      const controller = new AbortController();
      const abort = () => controller.abort();
      process.once('SIGINT', abort);
      process.once('SIGTERM', abort);
      try {
        const stats = await runSimulation({
          brokerUrl: options.broker,
          devices,
          logger,
          speed: options.speed,
          seed: options.seed,
          durationS: options.duration ?? null,
          api:
            options.api !== undefined && options.token !== undefined
              ? {
                  url: options.api,
                  token: options.token,
                  pollS: options.poll,
                  emptyDelayS: options.emptyDelay,
                }
              : null,
          collections: options.collections ?? (options.api === undefined ? 'cadence' : 'external'),
          badFrameRate: options.badFrameRate,
          resumeFrom: options.resumeFrom,
          anomalies: { firePerBinDay: options.fireRate, fallenPerBinDay: options.fallenRate },
          progress: options.progress,
          signal: controller.signal,
        });
        process.stdout.write(`${summary(stats)}\n`);
      } finally {
        process.off('SIGINT', abort);
        process.off('SIGTERM', abort);
      }
    });
}
