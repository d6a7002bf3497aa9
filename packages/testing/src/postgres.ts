// A private PostgreSQL for tests: own port, own data folder, torn down after. PostgreSQL refuses
// to run as root, so as root its tools run as the `postgres` user (TEST-SERVERS.md).
import { mkdtempSync, rmSync, chownSync, existsSync, readdirSync } from 'node:fs';
import { pidFromFile } from './process-cpu.js';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort } from './free-port.js';
import { run } from './process-group.js';
import { trackServer, untrackServer } from './servers.js';

function pgBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const v = versions.find((x) => existsSync(join(base, x, 'bin', 'initdb')));
  if (!v) throw new Error("PostgreSQL is not installed: run 'npm test', which installs it, or 'apt-get install -y postgresql'");
  return join(base, v, 'bin');
}

export class PostgresServer {
  url = '';
  port = 0;
  readonly dir: string;
  private readonly bin = pgBin();
  private readonly asRoot = userInfo().uid === 0;
  private running = false;

  /**
   * Tests run with `fsync=off` (throwaway data, faster suite); a benchmark that compares databases
   * passes `{ durable: true }` so every commit is flushed as in production.
   */
  constructor(private readonly options: { durable?: boolean } = {}) {
    this.dir = mkdtempSync(join(tmpdir(), 'tps-pg-'));
  }

  private as(cmd: string, args: string[]): [string, string[]] {
    return this.asRoot ? ['runuser', ['-u', 'postgres', '--', join(this.bin, cmd), ...args]] : [join(this.bin, cmd), args];
  }

  async start(): Promise<this> {
    if (!this.port) {
      this.port = await freePort();
      if (this.asRoot) {
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
        const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
        chownSync(this.dir, uid, gid);
      }
      await run(...this.as('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'tps', '--no-sync']));
    }
    await this.pgctl(['start', '-w', '-l', join(this.dir, 'log'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1${this.options.durable ? '' : ' -c fsync=off'} -c max_connections=200`]);
    this.running = true;
    trackServer(this);
    this.url = `postgres://tps@127.0.0.1:${this.port}/postgres`;
    return this;
  }

  /** The postmaster's process ID (for the server's CPU time in benchmarks); undefined when not running. */
  postmasterPid(): number | undefined {
    return pidFromFile(join(this.dir, 'data', 'postmaster.pid'));
  }

  private pgctl(args: string[]): Promise<string> {
    const [cmd, argv] = this.as('pg_ctl', ['-D', join(this.dir, 'data'), ...args]);
    return run(cmd, argv, {}, 60_000);
  }

  /** Creates a fresh database and returns its URL, so tests do not see each other's tables. */
  async createDatabase(name: string): Promise<string> {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `postgres://tps@127.0.0.1:${this.port}/${name}`;
  }

  /** Stops the server keeping its data (restart tests). */
  async stopKeepData(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.pgctl(['stop', '-m', mode, '-w']);
    this.running = false;
  }

  async stop(): Promise<void> {
    untrackServer(this);
    if (this.running) await this.pgctl(['stop', '-m', 'immediate', '-w']).catch(() => undefined);
    this.running = false;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let shared: Promise<PostgresServer> | undefined;
let dbCounter = 0;

/** One private server for the run; each caller gets its own fresh database URL. */
export async function sharedPostgresDatabase(prefix = 'tps'): Promise<string> {
  shared ??= new PostgresServer().start();
  const server = await shared;
  return server.createDatabase(`${prefix}_${process.pid}_${++dbCounter}`);
}
