// Entry point of the `tps` CLI. Configuration errors stop the process with one line and exit 2.
import 'reflect-metadata';
import { ConfigError } from '../packages/config/src/index.js';
import { buildProgram } from './program.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`tps: configuration error: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`tps: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
