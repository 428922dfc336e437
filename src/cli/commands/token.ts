import { join } from 'node:path';
import { Command, Option } from 'commander';
import { TokenRepo } from '../../api/tokens.js';
import { resolveAdminToken } from '../../app/admin-token.js';
import { openDatabase } from '../../db/open-database.js';
import { RegistryRepo } from '../../registry/registry-repo.js';
import { configOrExit, withConfigOption } from '../config-option.js';

export function tokenCommand(): Command {
  const token = new Command('token').description('issue API tokens');
  token.addCommand(
    withConfigOption(
      new Command('create')
        .description('create an office or crew token (printed once)')
        .addOption(
          new Option('--role <role>', 'token role')
            .choices(['office', 'crew'])
            .makeOptionMandatory(),
        )
        .option('--crew <id>', 'crew id (crew tokens)')
        .option('--label <text>', 'who holds it', 'cli'),
    ).action(
      (options: { config?: string; role: 'office' | 'crew'; crew?: string; label: string }) => {
        const config = configOrExit(options.config);
        const db = openDatabase(join(config.dataDir, 'pesan.db'));
        try {
          if (
            options.role === 'crew' &&
            !(options.crew && new RegistryRepo(db).crew(options.crew))
          ) {
            process.stderr.write(
              'pesan token: a crew token needs --crew <id> of an existing crew\n',
            );
            process.exitCode = 1;

            return;
          }
          const repo = new TokenRepo(db, resolveAdminToken(config.adminToken, config.dataDir));
          process.stdout.write(
            `${repo.create(options.role, options.label, options.crew ?? null)}\n`,
          );
        } finally {
          db.close();
        }
      },
    ),
  );

  return token;
}
