// The short variant of `tps chaos` inside the suite (issue 13, F1): the same code as the command
// (cli/chaos), with 1,500 documents through the real REST facades, the platform as four `tps
// serve` processes on a private RabbitMQ and PostgreSQL, the core SIGKILLed twice, the AGR
// endpoint once, RabbitMQ and PostgreSQL restarted once each. Counts come from the components'
// stores; they go to test/faults/results/chaos-suite-*.json for docs/RELIABILITY.md.
import { expect } from 'chai';
import { DEFAULT_OPTIONS } from '../../cli/chaos/chaos-options.js';
import { renderReport, runChaos } from '../../cli/chaos/run-chaos.js';

const MESSAGES = 1500;

describe('faults: tps chaos, short run (processes SIGKILLed, servers restarted)', function () {
  // Bounded well above its usual 3–4 minutes: on a heavily shared machine it has taken 8.
  this.timeout(12 * 60_000);

  it(`F1: ${MESSAGES} documents while the core is SIGKILLed ×2, the AGR endpoint ×1, RabbitMQ and PostgreSQL restarted: every accepted document has exactly one effect, every message ends RECEIVED or FAILED`, async () => {
    const report = await runChaos({
      ...DEFAULT_OPTIONS,
      messages: MESSAGES,
      coreKills: 2,
      maxMinutes: 10,
      resultsPrefix: 'chaos-suite',
      log: (line) => console.log(`      ${line}`),
    });
    console.log(renderReport(report).replace(/^/gm, '      '));
    const c = report.counts;
    expect(report.faults.map((f) => [f.kind, f.error ?? 'ok'])).to.have.length(5).and.to.satisfy((fs: string[][]) => fs.every((f) => f[1] === 'ok'));
    expect(report.drain.drained, 'nothing left in flight').to.equal(true);
    expect({ accepted: c.accepted, received: c.received }).to.deep.equal({ accepted: MESSAGES, received: MESSAGES });
    expect({ lost: c.lost, duplicated: c.duplicated, notFinal: c.tracking.notFinal, rejectedByCore: c.rejectedByCore, crashes: report.crashes.length }).to.deep.equal({ lost: 0, duplicated: 0, notFinal: 0, rejectedByCore: 0, crashes: 0 });
  });
});
