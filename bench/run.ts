// Direct entry without the CLI: tsx bench/run.ts <name|all> [--quick] [--json FILE] [--profile DIR] [--assets N] [--postgres]
import { BENCH_NAMES, renderReport, runSuite, type BenchName } from './suite.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const which = args[0] ?? 'all';
const names: BenchName[] = which === 'all' ? [...BENCH_NAMES] : (which.split(',') as BenchName[]);
const report = await runSuite(
  names,
  {
    quick: args.includes('--quick'),
    postgres: args.includes('--postgres'),
    ...(opt('--profile') ? { profileDir: opt('--profile')! } : {}),
    ...(opt('--assets') ? { assets: Number(opt('--assets')) } : {}),
    ...(opt('--messages') ? { messages: Number(opt('--messages')) } : {}),
    ...(opt('--signals') ? { signals: Number(opt('--signals')) } : {}),
    ...(opt('--waiters') ? { waiters: Number(opt('--waiters')) } : {}),
  },
  opt('--json'),
);
process.stdout.write(renderReport(report));
