// One platform component as `tps serve <name>` in its own Node process, supervised for the chaos
// run (issue 13, F1): started on a fixed port so a restart keeps its URL, SIGKILLed on purpose by
// the fault schedule, and restarted. An exit we did not cause is a crash: counted, logged, and the
// process is restarted so the run can still reconcile.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ComponentName } from '../../packages/runtime/src/index.js';
import { cpuSecondsOf } from '../../packages/testing/src/index.js';

export interface Crash {
  component: ComponentName;
  at: string;
  code: number | null;
  signal: string | null;
  /** The last lines the process wrote to stderr, for the report. */
  lastStderr: string;
}

export interface ComponentProcessOptions {
  name: ComponentName;
  /** Where the code to run lives (a snapshot of the checkout, see code-snapshot.ts). */
  codeRoot: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logDir: string;
  onCrash(crash: Crash): void;
  log(line: string): void;
}

const READY_TIMEOUT_MS = 180_000;

export class ComponentProcess {
  readonly url: string;
  /** Times we SIGKILLed it / it crashed / it was (re)started. */
  kills = 0;
  starts = 0;
  private child: ChildProcess | undefined;
  /** Set while we stop or kill it: its exit is then not a crash. */
  private exitExpected = false;
  private stopping = false;
  private stderrTail: string[] = [];
  /** CPU seconds of earlier (killed or crashed) runs of this component, and the last reading of the current one. */
  private cpuOfEarlierRuns = 0;
  private cpuOfThisRun = 0;
  private cpuTimer: NodeJS.Timeout | undefined;
  private readonly logFile: WriteStream;

  constructor(private readonly o: ComponentProcessOptions) {
    this.url = `http://127.0.0.1:${o.port}`;
    this.logFile = createWriteStream(join(o.logDir, `${o.name}.log`), { flags: 'a' });
  }

  get name(): ComponentName {
    return this.o.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and resolves once it printed "listening on" (enrolled, consuming). */
  async start(): Promise<void> {
    this.exitExpected = false;
    this.starts++;
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(this.o.codeRoot, 'cli', 'tps.ts'), 'serve', this.o.name, '--port', String(this.o.port)], {
      cwd: this.o.codeRoot,
      env: this.o.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.logFile.write(`--- start #${this.starts} pid ${child.pid} at ${new Date().toISOString()}\n`);
    child.stderr!.on('data', (d: Buffer) => {
      this.logFile.write(d);
      this.stderrTail.push(...String(d).split('\n').filter((l) => l.trim() !== ''));
      this.stderrTail = this.stderrTail.slice(-20);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.o.name} not ready after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      child.stdout!.on('data', (d: Buffer) => {
        this.logFile.write(d);
        if (String(d).includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.o.name} exited (${code ?? signal}) before it was ready: ${this.stderrTail.slice(-5).join(' | ')}`));
      });
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.watchCpu(child.pid!);
    this.o.log(`${this.o.name} up (pid ${child.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  /**
   * Read every second while it runs: a SIGKILLed process's last second may be missed, so the
   * figure is a lower bound (by at most a second per kill).
   */
  private watchCpu(pid: number): void {
    clearInterval(this.cpuTimer);
    this.cpuOfEarlierRuns += this.cpuOfThisRun;
    this.cpuOfThisRun = 0;
    this.cpuTimer = setInterval(() => {
      const s = cpuSecondsOf(pid);
      if (s !== undefined) this.cpuOfThisRun = s;
    }, 1000);
    this.cpuTimer.unref();
  }

  /** CPU seconds of all runs of this component so far. */
  cpuSeconds(): number {
    const pid = this.child?.pid;
    const now = pid === undefined ? undefined : cpuSecondsOf(pid);
    if (now !== undefined) this.cpuOfThisRun = now;
    return this.cpuOfEarlierRuns + this.cpuOfThisRun;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exitExpected || this.stopping || child !== this.child) return;
    const crash: Crash = { component: this.o.name, at: new Date().toISOString(), code, signal, lastStderr: this.stderrTail.slice(-8).join('\n') };
    this.o.log(`CRASH: ${this.o.name} exited (${code ?? signal}) without being killed; restarting`);
    this.o.onCrash(crash);
    this.child = undefined;
    setTimeout(() => void (this.stopping ? Promise.resolve() : this.start()).catch((err: unknown) => this.o.log(`restart of ${this.o.name} after a crash failed: ${String(err)}`)), 1000);
  }

  /** The fault: SIGKILL, no chance to finish anything. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.cpuSeconds();
    this.exitExpected = true;
    this.kills++;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await gone;
    this.child = undefined;
  }

  async killAndRestart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Graceful stop (SIGTERM, as an operator would), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cpuSeconds();
    clearInterval(this.cpuTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await gone;
      clearTimeout(timer);
    }
    this.child = undefined;
    await new Promise<void>((r) => this.logFile.end(() => r()));
  }

  /** Last-chance cleanup on process exit (synchronous). */
  killNow(): void {
    this.stopping = true;
    clearInterval(this.cpuTimer);
    this.child?.kill('SIGKILL');
  }
}
