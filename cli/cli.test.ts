import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../packages/testing/src/index.js';

const TPS = ['--import', 'tsx', 'cli/tps.ts'];

function runTps(args: string[], env: Record<string, string>): { done: Promise<{ code: number | null; out: string; err: string }>; kill(sig: NodeJS.Signals): void; out(): string } {
  const child = spawn(process.execPath, [...TPS, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err }))),
    kill: (sig) => child.kill(sig),
    out: () => out,
  };
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('tps CLI (foundation, NF1)', function () {
  this.timeout(60_000);

  it('stops with one line naming the bad variable and exit code 2', async () => {
    const r = await runTps(['serve', 'core'], { TPS_CORE_PORT: 'not-a-port' }).done;
    expect(r.code).to.equal(2);
    expect(r.err.trim().split('\n')).to.have.length(1);
    expect(r.err).to.contain('TPS_CORE_PORT');
  });

  it('refuses to run one component alone on the in-process transport (names AMQP_URL, exit 2)', async () => {
    const r = await runTps(['serve', 'core'], { TPS_DIRECTORY_URL: 'http://127.0.0.1:1' }).done;
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('AMQP_URL');
  });

  it('rejects an unknown component name', async () => {
    const r = await runTps(['serve', 'nonsense'], {}).done;
    expect(r.code).to.not.equal(0);
    expect(r.err).to.contain('expected one of');
  });

  it('`tps start` runs all components in one process, each answers /health, SIGTERM stops it cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tps-start-'));
    const ports = { TPS_DIRECTORY_PORT: await freePort(), TPS_CORE_PORT: await freePort(), TPS_AGR_PORT: await freePort(), TPS_DSO_PORT: await freePort() };
    const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
    const proc = runTps(['start'], { ...env, TPS_DATA_DIR: dataDir });
    try {
      await waitFor(() => proc.out().includes('Press Ctrl-C'), 45_000);
      // The demo parties get tokens that work on their facade.
      const agrLine = proc.out().split('\n').find((l) => l.includes('AGR 11XAGR-ALPHA---O'))!;
      const token = /Bearer (\S+)/.exec(agrLine)![1]!;
      const assets = await fetch(`http://127.0.0.1:${ports.TPS_AGR_PORT}/assets`, { headers: { authorization: `Bearer ${token}` } });
      expect(assets.status).to.equal(200);
      for (const port of Object.values(ports)) {
        expect(proc.out()).to.contain(`http://127.0.0.1:${port}`);
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status, `health on ${port}`).to.equal(200);
      }
      proc.kill('SIGTERM');
      const r = await proc.done;
      expect(r.code).to.equal(0);
    } finally {
      proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
