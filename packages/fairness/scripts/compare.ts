// Prints the policy comparison table; `--write` updates docs/fairness.md, `--check` exits 1 when
// the doc is out of date. Run: npx tsx packages/fairness/scripts/compare.ts [--write|--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderComparisonTable, withCurrentTable } from './compare-table.js';

const docPath = fileURLToPath(new URL('../../../docs/fairness.md', import.meta.url));
const mode = process.argv[2];

if (mode === '--write' || mode === '--check') {
  const doc = readFileSync(docPath, 'utf8');
  const current = withCurrentTable(doc);
  if (mode === '--write') {
    writeFileSync(docPath, current);
  } else if (current !== doc) {
    process.stderr.write(`${docPath}: comparison table is out of date; run with --write\n`);
    process.exitCode = 1;
  }
} else {
  process.stdout.write(`${renderComparisonTable()}\n`);
}
