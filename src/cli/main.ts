import { Command } from 'commander';
import { demoCommand } from './commands/demo.js';
import { exportCommand, importCommand } from './commands/registry-io.js';
import { serveCommand } from './commands/serve.js';
import { simCommand } from './commands/sim.js';
import { tokenCommand } from './commands/token.js';

const program = new Command('pesan')
  .description('Pesan Ibu: waste-collection telemetry for Kabupaten Serang')
  .version('0.1.0')
  .showHelpAfterError();

for (const command of [
  serveCommand(),
  demoCommand(),
  simCommand(),
  importCommand(),
  exportCommand(),
  tokenCommand(),
]) {
  program.addCommand(command);
}

await program.parseAsync(process.argv);
