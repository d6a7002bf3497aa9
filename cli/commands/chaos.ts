// `tps chaos`: process-level fault runs with printed counts (issue 13, F1). Starts a private
// RabbitMQ and PostgreSQL and the four components as `tps serve` processes, drives --messages
// documents through the REST facades while SIGKILLing the core and the AGR endpoint and
// restarting RabbitMQ and PostgreSQL, then counts from the stores. Progress on stderr, the
// summary on stdout; exit 1 when anything was lost, doubled, left in flight or crashed.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_OPTIONS, type ChaosOptions } from '../chaos/chaos-options.js';
import { renderReport, runChaos } from '../chaos/run-chaos.js';

const count = (min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
  return n;
};

/** What commander hands over: the run's own options (parsed by the `count` coercions), plus the CLI's two. */
type ChaosCliOptions = Omit<ChaosOptions, 'log' | 'json' | 'resultsPrefix'> & { json?: string; results: boolean };

export function registerChaosCommand(program: Command): void {
  const d = DEFAULT_OPTIONS;
  program
    .command('chaos')
    .description('fault run: SIGKILL the core and the AGR endpoint, restart RabbitMQ and PostgreSQL during a load; print sent/received/lost/duplicated')
    .option('--messages <n>', 'load documents through the REST facades', count(1), d.messages)
    .option('--core-kills <n>', 'SIGKILLs of the TPS core', count(0), d.coreKills)
    .option('--agr-kills <n>', 'SIGKILLs of the AGR/BRP endpoint', count(0), d.agrKills)
    .option('--rabbit-restarts <n>', 'RabbitMQ node stop/start', count(0), d.rabbitRestarts)
    .option('--postgres-restarts <n>', 'PostgreSQL stop -m immediate/start', count(0), d.postgresRestarts)
    .option('--seed <n>', 'seed of the fault schedule', count(0), d.seed)
    .option('--max-minutes <n>', 'hard bound of the whole run', count(1), d.maxMinutes)
    .option('--concurrency <n>', 'concurrent REST clients', count(1), d.concurrency)
    .option('--limit-every <n>', 'every n-th document is a DSO limit revision (0: schedules only)', count(0), d.limitEvery)
    .option('--json <file>', 'write the whole report as JSON')
    .option('--no-results', 'do not write test/faults/results/chaos-*.json for docs/RELIABILITY.md')
    .action(async (opts: ChaosCliOptions) => {
      const report = await runChaos({
        ...opts,
        resultsPrefix: opts.results ? 'chaos' : undefined,
        log: (line) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`),
      });
      process.stdout.write(renderReport(report) + '\n');
      process.exitCode = report.passed ? 0 : 1;
    });
}
