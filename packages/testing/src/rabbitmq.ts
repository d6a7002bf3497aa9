// A private RabbitMQ node for tests: own name, ports, data dir and HOME (Erlang cookie), never
// the system service. Recipe and gotchas: ../shared/design/TEST-SERVERS.md.
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { pidFromFile } from './process-cpu.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { spawnGroup, killGroup, run } from './process-group.js';
import { trackServer, untrackServer } from './servers.js';

const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const CTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';

export interface RabbitNodeOptions {
  /** Folder shared by nodes that must form a cluster (same Erlang cookie). */
  home?: string;
  name?: string;
  /** An extra TLS listener (amqps) with these PEMs, written to the node's own data dir. */
  tls?: RabbitTlsOptions;
}

export interface RabbitTlsOptions {
  /** CA that client certificates must chain to (and that clients pin for the server's). */
  caPem: string;
  /** The node's server certificate and its private key. */
  certPem: string;
  keyPem: string;
  /** verify_peer + fail_if_no_peer_cert: refuse clients without a certificate from `caPem`. */
  requireClientCertificate?: boolean;
}

export class RabbitNode {
  url = '';
  port = 0;
  distPort = 0;
  /** amqps URL of the TLS listener (with `tls` only). */
  tlsUrl = '';
  tlsPort = 0;
  readonly nodeName: string;
  readonly dir: string;
  readonly home: string;
  private child: ChildProcess | undefined;
  private readonly ownsHome: boolean;
  private readonly tls: RabbitTlsOptions | undefined;

  constructor(options: RabbitNodeOptions = {}) {
    this.tls = options.tls;
    if (!existsSync(SERVER)) {
      throw new Error(`RabbitMQ is not installed (${SERVER} missing): run 'npm test', which installs it, or 'apt-get install -y rabbitmq-server'`);
    }
    this.dir = mkdtempSync(join(tmpdir(), 'tps-rabbit-'));
    this.ownsHome = !options.home;
    this.home = options.home ?? this.dir;
    this.nodeName = `${options.name ?? 'tps' + process.pid + Math.random().toString(36).slice(2, 7)}@localhost`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOME: this.home,
      RABBITMQ_NODENAME: this.nodeName,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(this.dir, 'log'),
      RABBITMQ_PID_FILE: join(this.dir, 'rabbit.pid'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins'),
      RABBITMQ_CONFIG_FILE: join(this.dir, 'rabbitmq.conf'),
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    };
  }

  async start(): Promise<this> {
    if (!this.port) {
      this.port = await freePort();
      this.distPort = await freePort();
      writeFileSync(join(this.dir, 'enabled_plugins'), '[].\n');
      if (this.tls) this.tlsPort = await freePort();
      // Loopback only; no disk alarm on a small test disk.
      writeFileSync(join(this.dir, 'rabbitmq.conf'), 'disk_free_limit.absolute = 50MB\nlog.console = false\n' + (this.tls ? tlsConfig(this.dir, this.tlsPort, this.tls) : ''));
    }
    this.child = spawnGroup(SERVER, [], { env: this.env(), stdio: 'ignore' });
    trackServer(this);
    await this.awaitStartup(90_000);
    this.url = `amqp://guest:guest@127.0.0.1:${this.port}`;
    if (this.tls) this.tlsUrl = `amqps://guest:guest@127.0.0.1:${this.tlsPort}`;
    return this;
  }

  // await_startup fails at once while the node has not yet registered with epmd: retry until ready.
  private async awaitStartup(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.ctl(['await_startup', '--timeout', '60'], 70_000);
        return;
      } catch (err) {
        const child = this.child;
        if (!child || child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`RabbitMQ node ${this.nodeName} did not start (logs in ${join(this.dir, 'log')}): ${String(err).slice(0, 500)}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** The Erlang VM's process ID (for its CPU time in benchmarks); undefined while it is not running. */
  beamPid(): number | undefined {
    return pidFromFile(join(this.dir, 'rabbit.pid'));
  }

  /** Runs rabbitmqctl against this node with its cookie. */
  ctl(args: string[], timeoutMs = 60_000): Promise<string> {
    return run(CTL, ['-n', this.nodeName, ...args], { env: this.env() }, timeoutMs);
  }

  /** Stops the node gracefully, keeping its data (for restart tests). */
  async stopKeepData(): Promise<void> {
    if (!this.child) return;
    await this.ctl(['stop']).catch(() => killGroup(this.child!));
    await waitExit(this.child);
    this.child = undefined;
  }

  /** Kills the node abruptly (fault tests). */
  async kill(): Promise<void> {
    if (!this.child) return;
    killGroup(this.child);
    await waitExit(this.child);
    this.child = undefined;
  }

  async stop(): Promise<void> {
    untrackServer(this);
    if (this.child) {
      await this.ctl(['stop'], 30_000).catch(() => undefined);
      killGroup(this.child);
      await waitExit(this.child);
      this.child = undefined;
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (this.ownsHome) rmSync(this.home, { recursive: true, force: true });
  }
}

/**
 * rabbitmq.conf lines of a TLS listener (RabbitMQ 3.10 "TLS Support" guide: listeners.ssl.default,
 * ssl_options.cacertfile/certfile/keyfile, verify, fail_if_no_peer_cert, versions).
 */
function tlsConfig(dir: string, port: number, tls: RabbitTlsOptions): string {
  const files = { ca: join(dir, 'tls-ca.pem'), cert: join(dir, 'tls-cert.pem'), key: join(dir, 'tls-key.pem') };
  writeFileSync(files.ca, tls.caPem);
  writeFileSync(files.cert, tls.certPem);
  writeFileSync(files.key, tls.keyPem, { mode: 0o600 });
  const strict = tls.requireClientCertificate === true;
  return [
    `listeners.ssl.default = ${port}`,
    `ssl_options.cacertfile = ${files.ca}`,
    `ssl_options.certfile = ${files.cert}`,
    `ssl_options.keyfile = ${files.key}`,
    `ssl_options.verify = ${strict ? 'verify_peer' : 'verify_none'}`,
    `ssl_options.fail_if_no_peer_cert = ${strict}`,
    'ssl_options.versions.1 = tlsv1.3',
    'ssl_options.versions.2 = tlsv1.2',
    '',
  ].join('\n');
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

let shared: Promise<RabbitNode> | undefined;

/** One private node shared by every test in the run; torn down by the root hook. */
export function sharedRabbitMQ(): Promise<RabbitNode> {
  shared ??= new RabbitNode().start();
  return shared;
}
