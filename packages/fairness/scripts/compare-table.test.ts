import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withCurrentTable } from './compare-table.js';

describe('fairness docs', () => {
  it('F6a: the comparison table in docs/fairness.md is the one the current code produces', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/fairness.md', import.meta.url)), 'utf8');
    expect(withCurrentTable(doc), 'run: npx tsx packages/fairness/scripts/compare.ts --write').to.equal(doc);
  });
});
