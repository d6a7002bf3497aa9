// NF2 / scale-out story: docs/scaling.md covers the required topics and invents no figures —
// every load figure is left "to be measured by `npm run bench`" until benchmarks exist.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { repoPath } from './repo.js';

const PENDING = 'to be measured by `npm run bench`';
const doc = readFileSync(repoPath('docs', 'scaling.md'), 'utf8');

/** Table rows whose "value"/"load" cell holds a number instead of the pending marker. */
export function inventedFigures(markdown: string): string[] {
  const problems: string[] = [];
  let header: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (header === undefined) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.every((c) => /^-+$/.test(c))) continue;
    header.forEach((h, i) => {
      if (/^(value|load\b.*)$/.test(h) && cells[i] !== PENDING) problems.push(`${cells[0]}: '${cells[i]}'`);
    });
  }
  return problems;
}

describe('NF2: scale-out story (docs/scaling.md)', () => {
  it('NF2: covers horizontal scaling, long-poll wake-up, ordering, RabbitMQ sizing, PostgreSQL and what breaks first', () => {
    for (const heading of ['What scales how', 'Long polls on any replica', 'Ordering per limit / schedule', 'RabbitMQ cluster sizing', 'PostgreSQL', 'What breaks first']) {
      expect(doc, heading).to.match(new RegExp(`^## \\d+\\. ${heading.replace(/[/]/g, '\\/')}`, 'm'));
    }
    expect(doc).to.match(/fanout/i).and.to.match(/LISTEN\/NOTIFY/).and.to.match(/competing consumers/i).and.to.match(/quorum/i);
  });

  it('NF2: no invented numbers — every figure is to be measured by `npm run bench`', () => {
    expect(inventedFigures(doc)).to.deep.equal([]);
    expect(doc.split(PENDING).length - 1).to.be.greaterThanOrEqual(8);
  });

  it('NF2: the figure check catches an invented number (mutation)', () => {
    const mutated = doc.replace(`| broker CPU and memory per 1,000 messages/s | ${PENDING} |`, '| broker CPU and memory per 1,000 messages/s | 0.5 cores |');
    expect(mutated).to.not.equal(doc);
    expect(inventedFigures(mutated)).to.deep.equal(["broker CPU and memory per 1,000 messages/s: '0.5 cores'"]);
  });
});
