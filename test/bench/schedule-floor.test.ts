// Issue 14, goal 1: the schedule CPU-floor script keeps running and adds up (no timing assertion).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../bench/lib/common.js';

describe('issue 14: bench/schedule-floor.ts, quick run (no timing assertions)', function () {
  this.timeout(120_000);

  it('F8/F9 issue 14: times every unavoidable step of one schedule and derives the two-core bound from their sum', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/schedule-floor.ts', '--quick'], { cwd: REPO_ROOT });
    const r = JSON.parse(stdout) as { quick: boolean; cpuUsPerSchedule: Record<string, number>; floorUs: number; upperBoundSchedulesPerSecond: number };
    expect(r.quick).to.equal(true);
    expect(Object.keys(r.cpuUsPerSchedule)).to.include.members(['AGR: build schedule', 'core: parse + validate', 'DSO: verify + decrypt + parse + validate']);
    for (const [step, us] of Object.entries(r.cpuUsPerSchedule)) expect(us, step).to.be.a('number').at.least(0);
    expect(r.floorUs).to.equal(Object.values(r.cpuUsPerSchedule).reduce((a, b) => a + b, 0));
    expect(r.floorUs).to.be.greaterThan(0);
    expect(r.upperBoundSchedulesPerSecond).to.equal(Math.round(2e6 / r.floorUs));
  });
});
