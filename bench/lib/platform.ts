// Starts the platform under test in a child process (bench/lib/platform-child.ts) and talks to it
// over IPC. Also: party codes for N AGR/BRPs and M DSOs, and REST clients with their tokens.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEic, makeGsrn } from '../../packages/iec62325/src/index.js';
import { RestClient } from '../../packages/scenarios/src/index.js';
import { REPO_ROOT } from './common.js';
import { imageNodeOptions } from './image-node-options.js';

export interface ChildOptions {
  amqpUrl: string;
  dataDir: string;
  databaseUrl?: string;
  agrParties: string[];
  dsoParties: string[];
  /** Only these components (separate-process mode); default all four. */
  components?: Array<'directory' | 'core' | 'agr' | 'dso'>;
  directoryUrl?: string;
}

export type ChildRequest =
  | { type: 'count'; id: number; component: 'agr' | 'dso' | 'core'; table: string }
  | { type: 'memory'; id: number; gc?: boolean }
  | { type: 'published'; id: number }
  | { type: 'cpu'; id: number }
  | { type: 'profile-start'; id: number }
  | { type: 'profile-stop'; id: number; file: string }
  | { type: 'stop'; id: number };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export type ChildReply =
  | { type: 'ready'; urls: Record<'agr' | 'dso' | 'core' | 'directory', string>; tokens: Array<{ component: 'agr' | 'dso'; party: string; token: string }>; pid: number }
  | { type: 'count'; id: number; n: number }
  | { type: 'memory'; id: number; rss: number; heapUsed: number; handles: number; heapTotal?: number; external?: number; arrayBuffers?: number; smaps?: Record<string, number> }
  | { type: 'published'; id: number; stats: Record<string, { count: number; bytes: number }> }
  | { type: 'cpu'; id: number; userUs: number; systemUs: number }
  | { type: 'ok'; id: number }
  | { type: 'stopped'; id: number }
  | { type: 'error'; id: number; message: string };

export const agrParty = (i: number): string => makeEic('11X', `BAGR-${i}`);
export const dsoParty = (i: number): string => makeEic('11X', `BDSO-${i}`);
/** Asset W-codes: operator index and asset index. */
export const assetId = (agr: number, k: number): string => makeEic('11W', `B${agr}-${k}`);
export const connectionPoint = (n: number): string => makeGsrn(`57131310${String(n).padStart(9, '0')}`);

export interface PlatformUnderTestOptions {
  amqpUrl: string;
  agrs: number;
  dsos: number;
  databaseUrl?: string;
  /** Write a V8 CPU profile of the platform process into this folder. */
  cpuProfDir?: string;
  /** Expose gc() in the platform process (for memory figures). */
  exposeGc?: boolean;
  components?: Array<'directory' | 'core' | 'agr' | 'dso'>;
  directoryUrl?: string;
  /** Shared data folder (separate-process mode: every component's files side by side). */
  dataDir?: string;
  /**
   * Run the platform process from compiled JavaScript (dist/bench/lib/platform-child.js, plain
   * `node`, no tsx loader), as the Docker image does. Needs `npm run build` and
   * `npx tsc -p tsconfig.bench.json` plus the non-TS assets copied into dist (see docs/PERFORMANCE.md).
   */
  compiled?: boolean;
}

/** What the benchmarks need of a running platform, whether one process or one per component. */
export interface BenchPlatform {
  readonly agrParties: string[];
  readonly dsoParties: string[];
  urls: Record<'agr' | 'dso' | 'core' | 'directory', string>;
  pid: number;
  client(party: string): RestClient;
  token(party: string): string;
  count(component: 'agr' | 'dso' | 'core', table: string): Promise<number>;
  published(): Promise<Record<string, { count: number; bytes: number }>>;
  /**
   * CPU time (user + system, µs) each platform process has used since it started, keyed by the
   * components it runs ('platform' when all four share one process). Differences over a round give
   * CPU per schedule, a figure that holds on a loaded machine where throughput does not.
   */
  cpuUsage(): Promise<Record<string, number>>;
  profileStart(): Promise<void>;
  /** Writes one profile per platform process; returns the files. */
  profileStop(file: string): Promise<string[]>;
  stop(): Promise<void>;
}

export class PlatformUnderTest implements BenchPlatform {
  urls!: Record<'agr' | 'dso' | 'core' | 'directory', string>;
  pid = 0;
  readonly agrParties: string[];
  readonly dsoParties: string[];
  private readonly clients = new Map<string, RestClient>();
  private readonly tokens = new Map<string, string>();
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (r: ChildReply) => void>();
  private readonly dataDir: string;
  private readonly ownsDataDir: boolean;

  constructor(private readonly o: PlatformUnderTestOptions) {
    this.agrParties = Array.from({ length: o.agrs }, (_, i) => agrParty(i));
    this.dsoParties = Array.from({ length: o.dsos }, (_, i) => dsoParty(i));
    this.ownsDataDir = !o.dataDir;
    this.dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'tps-bench-'));
  }

  async start(): Promise<this> {
    const options: ChildOptions = { amqpUrl: this.o.amqpUrl, dataDir: this.dataDir, agrParties: this.agrParties, dsoParties: this.dsoParties, ...(this.o.databaseUrl ? { databaseUrl: this.o.databaseUrl } : {}), ...(this.o.components ? { components: this.o.components } : {}), ...(this.o.directoryUrl ? { directoryUrl: this.o.directoryUrl } : {}) };
    const compiledChild = join(REPO_ROOT, 'dist', 'bench', 'lib', 'platform-child.js');
    if (this.o.compiled && !existsSync(compiledChild)) throw new Error(`--compiled: ${compiledChild} is missing; run npm run build and npx tsc -p tsconfig.bench.json`);
    // BENCH_NODE_FLAGS: Node/V8 flags for the platform processes, to measure a flag before it is
    // adopted where the platform runs (V8 refuses some, e.g. --compact-on-every-full-gc, in NODE_OPTIONS).
    const execArgv = [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...(this.o.compiled ? [] : ['--import', 'tsx']), ...(this.o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${this.o.cpuProfDir}`] : []), ...(this.o.exposeGc ? ['--expose-gc'] : [])];
    // Compiled, the platform runs as the Docker image runs it: with the image's NODE_OPTIONS
    // (BENCH_NODE_FLAGS, on the command line, override them).
    const env = this.o.compiled ? { ...process.env, NODE_OPTIONS: [imageNodeOptions(), process.env.NODE_OPTIONS ?? ''].join(' ').trim() } : process.env;
    const child = fork(this.o.compiled ? compiledChild : join(REPO_ROOT, 'bench', 'lib', 'platform-child.ts'), [JSON.stringify(options)], { execArgv, env, cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child = child;
    const ready = await new Promise<Extract<ChildReply, { type: 'ready' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`platform process exited (${code}) before it was ready`)));
      child.on('message', (raw) => {
        const m = raw as ChildReply;
        if (m.type === 'ready') resolve(m);
        else if (m.type === 'error' && m.id === 0) reject(new Error(m.message));
        else if ('id' in m) this.pending.get(m.id)?.(m), this.pending.delete(m.id);
      });
    });
    this.urls = ready.urls;
    this.pid = ready.pid;
    for (const t of ready.tokens) this.tokens.set(t.party, t.token);
    for (const t of ready.tokens) this.clients.set(t.party, new RestClient(t.component === 'agr' ? this.urls.agr : this.urls.dso, t.token, t.party));
    return this;
  }

  client(party: string): RestClient {
    const c = this.clients.get(party);
    if (!c) throw new Error(`no token for ${party}`);
    return c;
  }

  token(party: string): string {
    const t = this.tokens.get(party);
    if (!t) throw new Error(`no token for ${party}`);
    return t;
  }

  private ask<T extends ChildReply>(req: WithoutId<ChildRequest>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (r) => (r.type === 'error' ? reject(new Error(r.message)) : resolve(r as T)));
      this.child!.send({ ...req, id });
    });
  }

  async count(component: 'agr' | 'dso' | 'core', table: string): Promise<number> {
    return (await this.ask<Extract<ChildReply, { type: 'count' }>>({ type: 'count', component, table })).n;
  }

  /** RSS, heap and the number of active handles (sockets, timers) of the platform process. */
  async memory(gc = false): Promise<{ rss: number; heapUsed: number; handles: number; heapTotal?: number; external?: number; arrayBuffers?: number; smaps?: Record<string, number> }> {
    return this.ask<Extract<ChildReply, { type: 'memory' }>>({ type: 'memory', gc });
  }

  /** What each component published so far: count and body bytes per component, kind and business type. */
  async published(): Promise<Record<string, { count: number; bytes: number }>> {
    return (await this.ask<Extract<ChildReply, { type: 'published' }>>({ type: 'published' })).stats;
  }

  async cpuUsage(): Promise<Record<string, number>> {
    const r = await this.ask<Extract<ChildReply, { type: 'cpu' }>>({ type: 'cpu' });
    return { [this.o.components ? this.o.components.join('+') : 'platform']: r.userUs + r.systemUs };
  }

  /** V8 CPU profile of the platform process between the two calls (inspector, 0.5 ms sampling). */
  async profileStart(): Promise<void> {
    await this.ask({ type: 'profile-start' });
  }

  async profileStop(file: string): Promise<string[]> {
    await this.ask({ type: 'profile-stop', file });
    return [file];
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      await Promise.race([this.ask({ type: 'stop' }).catch(() => undefined), new Promise((r) => setTimeout(r, 30_000))]);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The platform as `tps serve X` runs it: one Node process per component (directory first, with
 * auto-approval; then core, AGR and DSO endpoints over RabbitMQ), so the JavaScript of the
 * components can use more than one core. Each process is a platform-child with one component.
 */
export class SplitPlatform implements BenchPlatform {
  urls!: Record<'agr' | 'dso' | 'core' | 'directory', string>;
  pid = 0;
  readonly agrParties: string[];
  readonly dsoParties: string[];
  readonly parts = new Map<string, PlatformUnderTest>();
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'tps-bench-split-'));

  constructor(private readonly o: PlatformUnderTestOptions) {
    this.agrParties = Array.from({ length: o.agrs }, (_, i) => agrParty(i));
    this.dsoParties = Array.from({ length: o.dsos }, (_, i) => dsoParty(i));
  }

  async start(): Promise<this> {
    const base = { amqpUrl: this.o.amqpUrl, agrs: this.o.agrs, dsos: this.o.dsos, dataDir: this.dataDir, ...(this.o.databaseUrl ? { databaseUrl: this.o.databaseUrl } : {}), ...(this.o.exposeGc ? { exposeGc: true } : {}), ...(this.o.compiled ? { compiled: true } : {}) };
    const directory = await new PlatformUnderTest({ ...base, components: ['directory'] }).start();
    this.parts.set('directory', directory);
    const directoryUrl = directory.urls.directory;
    for (const c of ['core', 'agr', 'dso'] as const) this.parts.set(c, await new PlatformUnderTest({ ...base, components: [c], directoryUrl }).start());
    const u = (c: string) => this.parts.get(c)!.urls;
    this.urls = { directory: directoryUrl, core: u('core').core, agr: u('agr').agr, dso: u('dso').dso };
    this.pid = this.parts.get('core')!.pid;
    // Senders learn of receivers registered after them by the regular sync (2 s here).
    await new Promise((r) => setTimeout(r, 5_000));
    return this;
  }

  private owner(party: string): PlatformUnderTest {
    return this.parts.get(this.agrParties.includes(party) ? 'agr' : 'dso')!;
  }

  client(party: string): RestClient {
    return this.owner(party).client(party);
  }

  token(party: string): string {
    return this.owner(party).token(party);
  }

  count(component: 'agr' | 'dso' | 'core', table: string): Promise<number> {
    return this.parts.get(component)!.count(component, table);
  }

  async published(): Promise<Record<string, { count: number; bytes: number }>> {
    const all: Record<string, { count: number; bytes: number }> = {};
    for (const p of this.parts.values()) Object.assign(all, await p.published());
    return all;
  }

  async cpuUsage(): Promise<Record<string, number>> {
    const all: Record<string, number> = {};
    for (const p of this.parts.values()) Object.assign(all, await p.cpuUsage());
    return all;
  }

  async profileStart(): Promise<void> {
    for (const c of ['core', 'agr', 'dso']) await this.parts.get(c)!.profileStart();
  }

  async profileStop(file: string): Promise<string[]> {
    const files: string[] = [];
    for (const c of ['core', 'agr', 'dso']) files.push(...(await this.parts.get(c)!.profileStop(file.replace(/\.cpuprofile$/, `-${c}.cpuprofile`))));
    return files;
  }

  async memory(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [c, p] of this.parts) out[c] = (await p.memory()).rss;
    return out;
  }

  async stop(): Promise<void> {
    for (const c of ['agr', 'dso', 'core', 'directory']) await this.parts.get(c)?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
