// Issue 13: secrets never logged. The AGR/BRP facade runs in a child process with the platform's
// real logger (packages/http createLogger, level trace); the test reads everything it wrote and
// asserts that no bearer token — valid, of another party, forged, or in another auth scheme or
// a cookie — appears anywhere, while the request and rejection lines are there.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { record, recordGroup } from './support/summary.js';

const CHILD = fileURLToPath(new URL('./support/log-child.ts', import.meta.url));

describe('issue 13: secrets never logged (pino output of the AGR/BRP facade)', function () {
  this.timeout(60_000);
  recordGroup('secrets-log', 'tokens in the logs');

  it('NF3: no bearer token appears in the log of successful, refused and failed-auth requests, nor one put into a query string', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD], { encoding: 'utf8', timeout: 50_000, env: { ...process.env, LOG_LEVEL: 'trace' } });
    expect(run.status, run.stderr).to.equal(0);
    const report = run.stderr.split('\n').find((l) => l.startsWith('{"secrets"'));
    expect(report, run.stderr).to.be.a('string');
    const { secrets } = JSON.parse(report!) as { secrets: string[] };
    const log = run.stdout;
    // The log is there: one line per request, including the refused ones.
    const lines = log.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).to.be.at.least(8);
    expect(log).to.include('"status":401');
    expect(log).to.include('request rejected');
    const found = secrets.filter((s) => log.includes(s) || log.includes(s.slice(4, 24)));
    record('secrets-log', { case: 'AGR facade, 7 requests, level trace', clearError: found.length === 0, crashed: false, stateChanged: false, detail: `${lines.length} log lines` });
    expect(log, 'query parameter names stay, values go').to.include('token=[redacted]');
    expect(found, 'tokens found in the log').to.deep.equal([]);
  });
});
