import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { openDatabase } from '../../db/open-database.js';
import { RegistryRepo } from '../../registry/registry-repo.js';
import { parseSnapshot, SnapshotError } from '../../registry/snapshot-schema.js';
import { configOrExit, withConfigOption } from '../config-option.js';

function openRegistry(configFile: string | undefined) {
  const config = configOrExit(configFile);
  const db = openDatabase(join(config.dataDir, 'pesan.db'));

  return { db, registry: new RegistryRepo(db) };
}

export function importCommand(): Command {
  return withConfigOption(
    new Command('import')
      .description('import a registry JSON document (areas, facilities, bins, devices, ...)')
      .argument('<file>', 'JSON file, as written by `pesan export`')
      .option('--replace', 'replace the whole registry instead of merging', false),
  ).action((file: string, options: { config?: string; replace: boolean }) => {
    let input: unknown;
    try {
      input = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      process.stderr.write(`pesan import: ${file}: ${(error as Error).message}\n`);
      process.exit(1);
    }

    const { db, registry } = openRegistry(options.config);
    try {
      const snapshot = parseSnapshot(
        input,
        options.replace ? undefined : registry.exportSnapshot(),
      );
      registry.importSnapshot(snapshot, options.replace ? 'replace' : 'merge');
      process.stdout.write(
        `imported ${snapshot.bins.length} bins, ${snapshot.devices.length} devices, ` +
          `${snapshot.vehicles.length} vehicles (${options.replace ? 'replace' : 'merge'})\n`,
      );
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      process.stderr.write(`pesan import: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      db.close();
    }
  });
}

export function exportCommand(): Command {
  return withConfigOption(
    new Command('export')
      .description('export the registry as one JSON document')
      .argument('[file]', 'output file (default: standard output)'),
  ).action((file: string | undefined, options: { config?: string }) => {
    const { db, registry } = openRegistry(options.config);
    const text = `${JSON.stringify(registry.exportSnapshot(), null, 2)}\n`;
    db.close();
    if (file) writeFileSync(file, text);
    else process.stdout.write(text);
  });
}
