// The `tps` command tree. Each command lives in its own file under commands/.
import { Command } from 'commander';
import { registerStartCommand } from './commands/start.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTokenCommands } from './commands/token.js';
import { registerDirectoryCommands } from './commands/directory.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDocCommands } from './commands/doc.js';
import { registerSplitCommand } from './commands/split.js';
import { registerBenchCommand } from './commands/bench.js';
import { registerChaosCommand } from './commands/chaos.js';

export function buildProgram(): Command {
  const program = new Command('tps')
    .description('Trade Permission System: capacity limits, fair splits and private schedules over IEC 62325 documents')
    .showHelpAfterError();
  registerStartCommand(program);
  registerServeCommand(program);
  registerTokenCommands(program);
  registerDirectoryCommands(program);
  registerAuditCommands(program);
  registerDemoCommand(program);
  registerDocCommands(program);
  registerSplitCommand(program);
  registerBenchCommand(program);
  registerChaosCommand(program);
  return program;
}
