import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tps = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/tps.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('tps doc (F1: documents on the command line)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tps-doc-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one valid example per document kind, and validate exits 0 for them', () => {
    const made = tps('doc', 'example', '--all', '--out', dir);
    expect(made.status, made.stderr).to.equal(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    expect(files.length).to.be.at.least(7);
    const checked = tps('doc', 'validate', ...files.map((f) => join(dir, f)));
    expect(checked.status, checked.stdout + checked.stderr).to.equal(0);
  });

  it('exits 1 and names the reason when a file is invalid', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
    const victim = join(dir, files[0]!);
    writeFileSync(join(dir, 'broken.xml'), readFileSync(victim, 'utf8').replace(/<mRID>[^<]*<\/mRID>/, '<mRID></mRID>'));
    writeFileSync(join(dir, 'xxe.xml'), '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    const checked = tps('doc', 'validate', victim, join(dir, 'broken.xml'), join(dir, 'xxe.xml'));
    expect(checked.status).to.equal(1);
    const out = checked.stdout + checked.stderr;
    expect(out).to.contain('broken.xml').and.to.contain('xxe.xml');
    expect(out).to.not.contain('root:x:0:0');
  });
});
