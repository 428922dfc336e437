import { Command } from 'commander';
import { decodeCommand } from './commands/decode.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand, importCommand } from './commands/registry-io.js';
import { serveCommand } from './commands/serve.js';
import { simCommand } from './commands/sim.js';
import { simSeedCommand } from './commands/sim-seed.js';
import { solveCommand } from './commands/solve.js';
import { tokenCommand } from './commands/token.js';

const program = new Command('pesan')
  .description('Pesan Ibu: waste-collection telemetry for Kabupaten Serang')
  .version('0.1.0')
  .showHelpAfterError();

for (const command of [
  serveCommand(),
  demoCommand(),
  simCommand(),
  simSeedCommand(),
  importCommand(),
  exportCommand(),
  tokenCommand(),
  decodeCommand(),
  solveCommand(),
]) {
  program.addCommand(command);
}

await program.parseAsync(process.argv);
