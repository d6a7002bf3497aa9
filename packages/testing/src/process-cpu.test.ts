import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpuSecondsOf, treeCpuSecondsOf } from './process-cpu.js';

// Issue 14: the benchmarks' CPU figures for other processes (RabbitMQ's VM, PostgreSQL's server
// processes) come from /proc; a process tree counts its live children too.
describe('packages/testing: CPU time of other processes from /proc (issue 14 benchmarks)', function () {
  this.timeout(20_000);

  it('counts a live child that burned CPU in its parent tree, not in the parent alone', async () => {
    // The child burns ≈ 300 ms of CPU, says so, then waits to be killed (it stays a live child,
    // so its time is not yet in this process's cutime). This process idles meanwhile.
    const treeBefore = treeCpuSecondsOf(process.pid)!;
    const ownBefore = cpuSecondsOf(process.pid)!;
    const child = spawn(process.execPath, ['-e', "const t = Date.now(); while (Date.now() - t < 300); process.stdout.write('burnt\\n'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(child.stdout!, 'data');
      const treeGrowth = treeCpuSecondsOf(process.pid)! - treeBefore;
      const ownGrowth = cpuSecondsOf(process.pid)! - ownBefore;
      const childCpu = cpuSecondsOf(child.pid!)!;
      expect(childCpu).to.be.greaterThan(0.2);
      expect(treeGrowth - ownGrowth).to.be.at.least(childCpu - 0.02);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('a process that is gone has no CPU figure', () => {
    expect(cpuSecondsOf(2 ** 22 + 12345)).to.equal(undefined);
    expect(treeCpuSecondsOf(2 ** 22 + 12345)).to.equal(undefined);
  });
});
