// Markdown table of one or more results files (for docs/PERFORMANCE.md):
//   tsx bench/report/table.ts bench/results/*.json
import { readFileSync } from 'node:fs';
import type { SuiteReport } from '../suite.js';

export function markdownTable(reports: SuiteReport[]): string {
  const rows = ['| benchmark | figure | median | rounds | goal | load (1-min avg) before → after |', '|---|---|---:|---|---|---|'];
  for (const rep of reports) {
    for (const r of rep.results) {
      for (const f of r.figures) {
        const goal = f.goal ? `${f.goal}: ${f.met ? '**met**' : '**not met**'}` : '';
        const rounds = f.rounds && f.rounds.length > 1 ? f.rounds.join(' / ') : '';
        const value = `${f.value.toLocaleString('en')} ${f.unit}`.trim();
        rows.push(`| ${r.bench}${r.quick ? ' (quick)' : ''} | ${f.name}${f.note ? ` (${f.note})` : ''} | ${value} | ${rounds} | ${goal} | ${r.loadBefore} → ${r.loadAfter} |`);
      }
    }
  }
  return rows.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('table.ts')) {
  process.stdout.write(markdownTable(process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as SuiteReport)));
}
