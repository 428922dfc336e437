import { type Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';

/** Every command that starts the backend takes `--config <file>` (or PESAN_CONFIG). */
export function withConfigOption(command: Command): Command {
  return command.addOption(
    new Option('-c, --config <file>', 'JSON configuration file (PESAN_* variables override it)'),
  );
}

/** Loads the configuration or exits with the list of problems: a bad value stops start-up. */
export function configOrExit(file: string | undefined, overrides: object = {}): Config {
  try {
    return loadConfig({ file, overrides });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`pesan: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
