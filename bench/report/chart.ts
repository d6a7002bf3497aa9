// An SVG chart of a results file (no dependencies): left, throughput on a log scale — the
// platform end to end, the raw two-hop ceiling of the same run, and the issue's reference
// figures; right, latencies (p50 / p99 / max) of the emergency signal idle and under load and of
// the long-poll wake-up, with the goals. Run: tsx bench/report/chart.ts RESULTS.json OUT.svg
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResult } from '../lib/common.js';
import type { SuiteReport } from '../suite.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function figure(results: BenchResult[], bench: string, prefix: string): number | undefined {
  return results.find((r) => r.bench === bench)?.figures.find((f) => f.name.startsWith(prefix))?.value;
}

export function renderChart(report: SuiteReport): string {
  const W = 980;
  const H = 420;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  const m = report.machine;
  out.push(`<text x="16" y="22" font-size="15" font-weight="bold">TPS benchmarks (issue 14)</text>`);
  out.push(`<text x="16" y="40" fill="#555">${esc(`${m.cores} × ${m.cpu}, ${m.ramGiB} GiB, Node ${m.node}, RabbitMQ ${m.rabbitmq ?? '?'}; medians; machine shared with other work (see load in docs/PERFORMANCE.md)`)}</text>`);

  // Left panel: throughput, log scale.
  const r = report.results;
  const bars: Array<{ label: string; value: number; color: string }> = [];
  const e2e = figure(r, 'e2e', 'e2e throughput');
  const raw = figure(r, 'e2e', 'raw ceiling');
  if (e2e !== undefined) bars.push({ label: 'TPS e2e, 1 process (schedules/s)', value: e2e, color: '#1f77b4' });
  const split = figure(r, 'e2e-split', 'e2e throughput');
  if (split !== undefined) bars.push({ label: 'TPS e2e, process/component', value: split, color: '#4a9bd4' });
  if (raw !== undefined) bars.push({ label: 'raw 2 hops, same sizes (msg/s)', value: raw, color: '#7f7f7f' });
  bars.push({ label: 'ref: ECP end to end (3rd party)', value: 6.5, color: '#d9a441' });
  bars.push({ label: 'ref: ECP into broker', value: 10.8, color: '#d9a441' });
  bars.push({ label: 'ref: custom MADES', value: 1563, color: '#d9a441' });
  bars.push({ label: 'ref: RabbitMQ 2 hops, 2 cores', value: 3500, color: '#d9a441' });
  const x0 = 230;
  const x1 = 470;
  const lo = 1;
  const hi = 10_000;
  const lx = (v: number) => x0 + ((Math.log10(Math.max(lo, v)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (x1 - x0);
  out.push(`<text x="16" y="72" font-weight="bold">Throughput (log scale)${e2e !== undefined && raw !== undefined ? esc(` — ratio ${(e2e / raw).toFixed(3)}, goal ≥ 0.5`) : ''}</text>`);
  for (const t of [1, 10, 100, 1000, 10000]) {
    out.push(`<line x1="${lx(t)}" y1="84" x2="${lx(t)}" y2="${90 + bars.length * 30}" stroke="#ddd"/>`);
    out.push(`<text x="${lx(t)}" y="${104 + bars.length * 30}" text-anchor="middle" fill="#555">${t.toLocaleString('en')}</text>`);
  }
  bars.forEach((b, i) => {
    const y = 90 + i * 30;
    out.push(`<text x="${x0 - 8}" y="${y + 15}" text-anchor="end">${esc(b.label)}</text>`);
    out.push(`<rect x="${x0}" y="${y + 3}" width="${Math.max(1, lx(b.value) - x0)}" height="18" fill="${b.color}"/>`);
    out.push(`<text x="${lx(b.value) + 4}" y="${y + 16}">${fmt(b.value)}</text>`);
  });

  // Right panel: latencies, linear scale.
  const groups: Array<{ label: string; values: Array<[string, number | undefined]>; goal?: number }> = [
    { label: 'stop → AGR, idle', values: ['p50', 'p99', 'max'].map((k) => [k, figure(r, 'latency', `stop → AGR wake, idle ${k}`)]) },
    { label: 'stop → AGR, under load', values: ['p50', 'p99', 'max'].map((k) => [k, figure(r, 'latency', `stop → AGR wake, under load ${k}`)]), goal: 50 },
    { label: 'long-poll wake, all waiters', values: [['p50', figure(r, 'longpoll', 'wake-up p50')], ['p99', figure(r, 'longpoll', 'wake-up p99')], ['max', figure(r, 'longpoll', 'wake-up max')]], goal: 100 },
  ];
  const px0 = 700;
  const px1 = W - 70;
  const [llo, lhi] = [1, 100_000];
  const sx = (v: number) => px0 + ((Math.log10(Math.max(llo, v)) - Math.log10(llo)) / (Math.log10(lhi) - Math.log10(llo))) * (px1 - px0);
  out.push(`<text x="520" y="72" font-weight="bold">Latency (ms, log scale; p50 / p99 / max)</text>`);
  const colors: Record<string, string> = { p50: '#2ca02c', p99: '#ff7f0e', max: '#d62728' };
  let y = 90;
  for (const g of groups) {
    out.push(`<text x="${px0 - 8}" y="${y + 12}" text-anchor="end" font-weight="bold">${esc(g.label)}</text>`);
    for (const [k, v] of g.values) {
      out.push(`<text x="${px0 - 8}" y="${y + 28}" text-anchor="end" fill="#555">${k}</text>`);
      if (v !== undefined) {
        out.push(`<rect x="${px0}" y="${y + 17}" width="${Math.max(1, sx(v) - px0)}" height="14" fill="${colors[k]}"/>`);
        out.push(`<text x="${sx(v) + 4}" y="${y + 29}">${fmt(v)}</text>`);
      } else out.push(`<text x="${px0 + 4}" y="${y + 29}" fill="#999">not run</text>`);
      y += 18;
    }
    if (g.goal !== undefined) out.push(`<line x1="${sx(g.goal)}" y1="${y - 54 + 14}" x2="${sx(g.goal)}" y2="${y + 4}" stroke="#000" stroke-dasharray="4 3"/><text x="${sx(g.goal) + 3}" y="${y - 40}" font-size="10">goal ${g.goal}</text>`);
    y += 26;
  }
  for (const t of [1, 10, 100, 1000, 10_000, 100_000]) {
    out.push(`<line x1="${sx(t)}" y1="84" x2="${sx(t)}" y2="${y - 8}" stroke="#eee"/>`);
    out.push(`<text x="${sx(t)}" y="${y + 6}" text-anchor="middle" fill="#555">${t.toLocaleString('en')}</text>`);
  }
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('chart.ts') && process.argv[2]) {
  const reports = process.argv.slice(2, -1).map((f) => JSON.parse(readFileSync(f, 'utf8')) as SuiteReport);
  const merged: SuiteReport = { machine: reports[0]!.machine, results: reports.flatMap((x) => x.results) };
  writeFileSync(process.argv.at(-1)!, renderChart(merged));
}
