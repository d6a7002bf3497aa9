// `tps bench <name|all> [--json FILE] [--quick] …`: the issue-14 benchmark suite (bench/suite.ts).
// Progress goes to stderr, the result table to stdout, machine-readable results to --json FILE.
// Benchmarks that need RabbitMQ start a private node (packages/testing) unless BENCH_AMQP_URL is set.
import type { Command } from 'commander';
import { BENCH_NAMES, EXTRA_BENCH_NAMES, renderReport, runSuite, type BenchName } from '../../bench/suite.js';

interface BenchCliOptions {
  json?: string;
  quick?: boolean;
  profile?: string;
  assets?: string;
  postgres?: boolean;
  skipSqlite?: boolean;
  messages?: string;
  signals?: string;
  loadRate?: string;
  waiters?: string;
  rounds?: string;
  series?: string;
  compiled?: boolean;
  keepAlive?: boolean;
}

const positive = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description(`run the issue-14 benchmarks: ${BENCH_NAMES.join(', ')} or all; also ${EXTRA_BENCH_NAMES.join(', ')} (progress on stderr, table on stdout)`)
    .argument('<name>', `${[...BENCH_NAMES, ...EXTRA_BENCH_NAMES].join('|')}|all, or several separated by commas`)
    .option('--json <file>', 'write machine-readable results (machine, parameters, figures, load) to this file')
    .option('--quick', 'tiny counts, seconds per benchmark: a smoke run, not a measurement')
    .option('--profile <dir>', 'CPU profiles of the platform process(es), written to this folder — e2e: the last round; latency: the idle and the loaded signals; longpoll: the waiters\' process during the wake-up; registry: the registrations')
    .option('--assets <n>', 'registry: total assets (default 1000000)')
    .option('--postgres', 'registry: also on PostgreSQL; e2e, e2e-split: on PostgreSQL instead of SQLite (a private server)')
    .option('--skip-sqlite', 'registry with --postgres: PostgreSQL only (a run per database fits a time box)')
    .option('--messages <n>', 'e2e: schedules per round')
    .option('--rounds <n>', 'e2e: rounds (medians over them)')
    .option('--series <n>', 'e2e: series (assets × 96 quarter hours) per schedule document (default 4; 1 = the issue\'s 7.4 kB document)')
    .option('--signals <n>', 'latency: signals per condition (idle, under load)')
    .option('--load-rate <n>', 'latency: background schedules/s (default: half of a calibration run); fixed, paired before/after runs get the same load')
    .option('--waiters <n>', 'longpoll: concurrent waiters')
    .option('--compiled', 'longpoll: run the platform from compiled JS in dist/ (npm run build; npx tsc -p tsconfig.bench.json)')
    .option('--keep-alive', 'longpoll: the waiters keep their connection (as a long-poll client that polls again); default: Connection: close')
    .action(async (name: string, opts: BenchCliOptions) => {
      const names = name === 'all' ? [...BENCH_NAMES] : name.split(',').map((n) => n.trim());
      const known: readonly string[] = [...BENCH_NAMES, ...EXTRA_BENCH_NAMES];
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length) {
        process.stderr.write(`unknown benchmark ${unknown.join(', ')}: choose from ${known.join(', ')}, all\n`);
        process.exit(2);
      }
      const assets = positive('assets', opts.assets);
      const messages = positive('messages', opts.messages);
      const signals = positive('signals', opts.signals);
      const loadRate = positive('load-rate', opts.loadRate);
      const waiters = positive('waiters', opts.waiters);
      const rounds = positive('rounds', opts.rounds);
      const series = positive('series', opts.series);
      const report = await runSuite(
        names as BenchName[],
        {
          quick: opts.quick ?? false,
          postgres: opts.postgres ?? false,
          ...(opts.skipSqlite ? { skipSqlite: true } : {}),
          ...(opts.profile ? { profileDir: opts.profile } : {}),
          ...(assets ? { assets } : {}),
          ...(messages ? { messages } : {}),
          ...(signals ? { signals } : {}),
          ...(loadRate ? { loadRate } : {}),
          ...(waiters ? { waiters } : {}),
          ...(rounds ? { rounds } : {}),
          ...(series ? { series } : {}),
          ...(opts.compiled ? { compiled: true } : {}),
          ...(opts.keepAlive ? { keepAlive: true } : {}),
        },
        opts.json,
      );
      process.stdout.write(renderReport(report));
      process.exit(0);
    });
}
