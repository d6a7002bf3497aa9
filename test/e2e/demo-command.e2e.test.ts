// `tps demo --amqp URL --out DIR` (F1, NF3): the narrated run over RabbitMQ writes every document
// as it crossed the broker, in order and named by type and parties, plus summary.json, and
// reports success only when every message was received and positively acknowledged.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from '../../packages/iec62325/src/index.js';
import { DEMO_PARTIES } from '../../packages/config/src/index.js';
import { runDemo, type DemoResult } from '../../cli/commands/demo.js';
import type { Summary } from '../../packages/scenarios/src/index.js';
import { freshVhostUrl } from './e2e-support.js';

describe('tps demo --amqp --out (the DREM scenarios as a narrated run)', function () {
  this.timeout(180_000);
  let out: string;
  let result: DemoResult;
  let text = '';

  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'tps-demo-out-'));
    result = await runDemo({ out, amqpUrl: await freshVhostUrl(), write: (s) => void (text += s) });
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('F1: exits 0 after narrating the five steps, with a progress line per action and the unforeseen latency', () => {
    expect(result.exitCode, text).to.equal(0);
    for (const n of [1, 2, 3, 4, 5]) expect(text).to.match(new RegExp(`^== ${n}\\. `, 'm'));
    expect(text).to.contain('over RabbitMQ');
    expect(text).to.match(/latency DSO REST call → AGR\/BRP long-poll answer: max \d+ ms/);
    expect(text).to.contain('RESULT: every message RECEIVED');
  });

  it('F1: writes every document byte for byte as NNN-<businessType>-<senderParty>-to-<receiverParty>.xml, in order, and summary.json', () => {
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    const files = readdirSync(out).filter((f) => f.endsWith('.xml')).sort();
    expect(files).to.deep.equal(summary.messages.map((m) => m.file));
    files.forEach((file, i) => {
      const m = /^(\d{3})-([a-z-]+)-([0-9A-Z-]{16})-to-([0-9A-Z-]{16})\.xml$/.exec(file);
      expect(m, file).to.not.equal(null);
      expect(Number(m![1])).to.equal(i + 1);
      const doc = parseDocument(readFileSync(join(out, file))).document as { sender: { mRID: string }; receiver: { mRID: string } };
      expect([doc.sender.mRID, doc.receiver.mRID], file).to.deep.equal([m![3], m![4]]);
      expect(summary.messages[i]!.businessType).to.equal(m![2]);
    });
    expect(summary.ok).to.equal(true);
    expect(summary.messages.every((m) => m.status === 'RECEIVED')).to.equal(true);
    expect(summary.parties).to.deep.include({ party: DEMO_PARTIES.dso[0], name: 'DSO North', role: 'DSO' });
    expect(summary.parties).to.deep.include({ party: DEMO_PARTIES.agr[2], name: 'AGR Charlie', role: 'AGR/BRP' });
    expect(summary.parties.filter((p) => p.role === 'TPS').map((p) => p.party)).to.deep.equal([DEMO_PARTIES.tps]);
    expect(summary.grants.map((g) => [g.revision, g.policy])).to.deep.equal([[1, 'waterfill'], [2, 'drem-prorata']]);
    expect(Object.keys(summary.signals)).to.have.members([...DEMO_PARTIES.agr]);
  });
});
