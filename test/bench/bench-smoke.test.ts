// Issue 14: every benchmark of `tps bench` runs in its --quick mode (tiny counts) and produces
// well-formed results. Never a timing assertion: figures on a shared CI machine mean nothing.
// One private RabbitMQ node is shared by the benchmarks that need one (BENCH_AMQP_URL).
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedRabbitMQ } from '../../packages/testing/src/index.js';
import { BENCH_NAMES, renderReport, runSuite, type SuiteReport } from '../../bench/suite.js';
import { renderChart } from '../../bench/report/chart.js';

describe('issue 14: benchmark suite, quick smoke run (no timing assertions)', function () {
  this.timeout(240_000);
  let dir: string;
  let report: SuiteReport;
  let previous: string | undefined;
  let previousPid: string | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tps-bench-smoke-'));
    previous = process.env.BENCH_AMQP_URL;
    previousPid = process.env.BENCH_AMQP_PID;
    const rabbit = await sharedRabbitMQ();
    process.env.BENCH_AMQP_URL = rabbit.url;
    process.env.BENCH_AMQP_PID = String(rabbit.beamPid());
    report = await runSuite(BENCH_NAMES, { quick: true, profileDir: dir }, join(dir, 'results.json'));
  });

  after(() => {
    if (previous === undefined) delete process.env.BENCH_AMQP_URL;
    else process.env.BENCH_AMQP_URL = previous;
    if (previousPid === undefined) delete process.env.BENCH_AMQP_PID;
    else process.env.BENCH_AMQP_PID = previousPid;
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every benchmark and writes the same results as JSON', () => {
    expect(report.results.map((r) => r.bench)).to.deep.equal([...BENCH_NAMES]);
    const written = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as SuiteReport;
    expect(written.results.map((r) => r.bench)).to.deep.equal([...BENCH_NAMES]);
    expect(written.machine.cores).to.be.a('number').greaterThan(0);
    expect(written.machine.node).to.match(/^v\d+/);
  });

  it('every result is well-formed: quick flag, load, finite figures with units', () => {
    for (const r of report.results) {
      expect(r.quick, r.bench).to.equal(true);
      expect(r.loadBefore, r.bench).to.be.a('number');
      expect(r.seconds, r.bench).to.be.a('number');
      expect(r.figures.length, r.bench).to.be.greaterThan(0);
      for (const f of r.figures) {
        expect(f.name, r.bench).to.be.a('string').and.not.equal('');
        expect(Number.isFinite(f.value), `${r.bench}: ${f.name} = ${f.value}`).to.equal(true);
        expect(f.unit, f.name).to.be.a('string');
        if (f.goal !== undefined) expect(f.met, f.name).to.be.a('boolean');
      }
    }
  });

  it('e2e reports both throughputs, their ratio and a profile summary; latency and long-poll report percentiles', () => {
    const e2e = report.results.find((r) => r.bench === 'e2e')!;
    const names = e2e.figures.map((f) => f.name);
    expect(names.some((n) => n.startsWith('e2e throughput'))).to.equal(true);
    expect(names.some((n) => n.startsWith('raw ceiling'))).to.equal(true);
    expect(names.some((n) => n.startsWith('ratio'))).to.equal(true);
    // The broker's share (goal 1's budget): read from the private node's Erlang VM in /proc.
    for (const n of ['RabbitMQ CPU per schedule', 'raw ceiling: RabbitMQ CPU per message', 'raw ceiling: cores busy']) {
      expect(e2e.figures.find((f) => f.name.startsWith(n))?.value, n).to.be.greaterThan(0);
    }
    const profile = e2e.details?.profile as { modules: unknown[] } | undefined;
    expect(profile?.modules.length).to.be.greaterThan(0);
    for (const b of ['latency', 'longpoll']) {
      const r = report.results.find((x) => x.bench === b)!;
      expect(r.figures.some((f) => f.name.includes('p99')), b).to.equal(true);
    }
    expect(report.results.find((r) => r.bench === 'longpoll')!.figures.find((f) => f.name.startsWith('waiters without'))!.value).to.equal(0);
  });

  it('renders the text table and the SVG chart from the results', () => {
    expect(renderReport(report)).to.contain('e2e');
    const svg = renderChart(report);
    expect(svg.startsWith('<svg')).to.equal(true);
    expect(svg).to.contain('</svg>');
  });
});
