import { Command } from 'commander';
import { createApp } from '../../app/create-app.js';
import { configOrExit, withConfigOption } from '../config-option.js';
import { runUntilSignal } from '../run-until-signal.js';

export function serveCommand(): Command {
  return withConfigOption(
    new Command('serve').description(
      'run the backend: MQTT broker, ingestion, store, scheduler and HTTP API',
    ),
  ).action(async (options: { config?: string }) => {
    const config = configOrExit(options.config);
    const app = await createApp(config, { scheduler: true });
    const { httpPort, mqttPort } = await app.listen();
    process.stdout.write(
      `Pesan Ibu is running: http://localhost:${httpPort}/ (API docs /docs), ` +
        `MQTT mqtt://localhost:${mqttPort}\n`,
    );
    runUntilSignal(app);
  });
}
