// The platform under chaos: a private RabbitMQ node and PostgreSQL server (packages/testing, loopback,
// free ports, own data folders), then directory, core, AGR and DSO endpoints as four `tps serve`
// processes sharing one data folder. The core stores in PostgreSQL (so restarting PostgreSQL hits
// it); directory and endpoints in SQLite files. API tokens are issued into the facades' stores
// before they start, as `tps token issue` does. The processes run a snapshot of the code taken
// at start (code-snapshot.ts), so restarts come back as the same version.
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { openComponentDatabase, type ComponentName } from '../../packages/runtime/src/index.js';
import { migrate, openDatabase, type Database } from '../../packages/storage/src/index.js';
import { restMigrations, TokenRepository } from '../../packages/rest/src/index.js';
import { freePort, PostgresServer, RabbitNode } from '../../packages/testing/src/index.js';
import { snapshotCode } from './code-snapshot.js';
import { ComponentProcess, type Crash } from './component-process.js';

export interface PlatformParties {
  agrs: string[];
  dsos: string[];
}

export class ChaosPlatform {
  rabbit!: RabbitNode;
  postgres!: PostgresServer;
  databaseUrl = '';
  readonly components = new Map<ComponentName, ComponentProcess>();
  readonly tokens = new Map<string, string>();
  readonly crashes: Crash[] = [];
  private readonly adminToken = randomBytes(24).toString('base64url');

  constructor(
    private readonly dataDir: string,
    private readonly parties: PlatformParties,
    private readonly log: (line: string) => void,
  ) {}

  component(name: ComponentName): ComponentProcess {
    const c = this.components.get(name);
    if (!c) throw new Error(`${name} is not running`);
    return c;
  }

  async start(): Promise<void> {
    const t0 = Date.now();
    const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    // The two servers side by side (assigned as soon as constructed, so stop() finds them).
    this.rabbit = new RabbitNode();
    this.postgres = new PostgresServer();
    await Promise.all([
      this.rabbit.start().then(() => this.log(`RabbitMQ up at 127.0.0.1:${this.rabbit.port} in ${since()}`)),
      this.postgres.start().then(async () => {
        this.databaseUrl = await this.postgres.createDatabase('tps_chaos');
        this.log(`PostgreSQL up at 127.0.0.1:${this.postgres.port} in ${since()}`);
      }),
    ]);
    await this.issueTokens();
    const codeRoot = snapshotCode(this.dataDir);
    const logDir = join(this.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const ports = { directory: await freePort(), core: await freePort(), agr: await freePort(), dso: await freePort() };
    for (const name of ['directory', 'core', 'agr', 'dso'] as const) {
      this.components.set(name, new ComponentProcess({ name, codeRoot, port: ports[name], env: this.env(name, ports.directory), logDir, onCrash: (x) => this.crashes.push(x), log: this.log }));
    }
    // The directory first (the others enrol with it), then the three messaging components at once.
    await this.component('directory').start();
    await Promise.all((['core', 'agr', 'dso'] as const).map((n) => this.component(n).start()));
  }

  /** Each component's environment: everything from docs/configuration.md that matters here. */
  private env(name: ComponentName, directoryPort: number): NodeJS.ProcessEnv {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TPS_') && k !== 'AMQP_URL' && k !== 'DATABASE_URL'));
    return {
      ...inherited,
      TPS_DATA_DIR: this.dataDir,
      AMQP_URL: this.rabbit.url,
      ...(name === 'core' ? { DATABASE_URL: this.databaseUrl } : {}),
      TPS_DIRECTORY_URL: `http://127.0.0.1:${directoryPort}`,
      TPS_DIRECTORY_AUTO_APPROVE: 'true',
      TPS_ADMIN_TOKEN: this.adminToken,
      TPS_AGR_PARTIES: this.parties.agrs.join(','),
      TPS_DSO_PARTIES: this.parties.dsos.join(','),
      // Components in separate processes learn of each other by the regular sync.
      TPS_DIRECTORY_SYNC_SECONDS: '2',
      // A load generator is not abuse.
      TPS_RATE_LIMIT_PER_MINUTE: '10000000',
      LOG_LEVEL: 'warn',
    };
  }

  private async issueTokens(): Promise<void> {
    const config = loadPlatformConfig({ TPS_DATA_DIR: this.dataDir });
    for (const [component, role, parties] of [['agr', 'AGR', this.parties.agrs], ['dso', 'DSO', this.parties.dsos]] as const) {
      const db = await openComponentDatabase(config, component);
      try {
        await migrate(db, 'rest', restMigrations);
        const repo = new TokenRepository(db);
        for (const party of parties) this.tokens.set(party, (await repo.issue(party, role, 'tps chaos')).token);
      } finally {
        await db.destroy();
      }
    }
  }

  /** CPU seconds per component process so far (all its runs). */
  cpuSeconds(): Record<string, number> {
    return Object.fromEntries([...this.components].map(([n, c]) => [n, c.cpuSeconds()]));
  }

  /** Read access to a component's store, for reconciliation (the same store the process uses). */
  async openStore(name: 'core' | 'agr' | 'dso'): Promise<Database> {
    if (name !== 'core') return openDatabase({ sqliteFile: join(this.dataDir, `${name}.sqlite`) });
    // knex directly rather than openDatabase: its connection errors while PostgreSQL restarts are
    // expected here (the reader retries), so they are not printed with a stack.
    const quiet = () => undefined;
    return knexFactory({ client: 'pg', connection: this.databaseUrl, pool: { min: 0, max: 2 }, searchPath: ['tps_core'], log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet } });
  }

  async stop(): Promise<void> {
    await Promise.all((['dso', 'agr', 'core'] as const).map((n) => this.components.get(n)?.stop().catch(() => undefined)));
    await this.components.get('directory')?.stop().catch(() => undefined);
    await Promise.all([this.postgres?.stop().catch(() => undefined), this.rabbit?.stop().catch(() => undefined)]);
  }

  /** Synchronous last resort (process exit): no orphaned component processes. */
  killNow(): void {
    for (const c of this.components.values()) c.killNow();
  }
}
