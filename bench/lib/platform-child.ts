// The platform under test, in its own Node process (forked by bench/lib/platform.ts with an IPC
// channel), so that `--cpu-prof` and RSS see only the platform, not the load generator.
// All four components in this one process (`startPlatform`, as `tps start` does), over RabbitMQ.
// Options arrive as JSON in argv[2]; the parent asks for counts/memory and says when to stop.
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import type { Transport } from '../../packages/mades/src/index.js';
import { TokenRepository } from '../../packages/rest/src/index.js';
import type { Database } from '../../packages/storage/src/index.js';
import { loadPlatformConfig } from '../../packages/config/src/index.js';
import { COMPONENT_NAMES, startPlatform } from '../../cli/platform/platform.js';
import { ensureDemoTokens } from '../../cli/platform/demo-tokens.js';
import type { ChildOptions, ChildReply, ChildRequest } from './platform.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;
process.env.TPS_RATE_LIMIT_PER_MINUTE = '10000000'; // the facades read it from the environment; a benchmark is not abuse
const config = loadPlatformConfig({
  TPS_DATA_DIR: options.dataDir,
  // BENCH_LOG_LEVEL=info: what the one log line per request costs (production logs at info).
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
  TPS_DIRECTORY_AUTO_APPROVE: 'true',
  TPS_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  TPS_AGR_PARTIES: options.agrParties.join(','),
  TPS_DSO_PARTIES: options.dsoParties.join(','),
  TPS_LONG_POLL_MAX_SECONDS: '300',
  TPS_RATE_LIMIT_PER_MINUTE: '10000000',
  TPS_BODY_LIMIT_BYTES: String(32 * 1024 * 1024),
  AMQP_URL: options.amqpUrl,
  ...(options.directoryUrl ? { TPS_DIRECTORY_URL: options.directoryUrl } : {}),
  // Components in separate processes learn of each other by the regular sync (senders do not refresh).
  ...(options.components ? { TPS_DIRECTORY_SYNC_SECONDS: '2' } : {}),
  ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
});

const send = (m: ChildReply) => process.send?.(m);

/** Bytes and counts of what each component published, per tps-kind/business type (no copies kept). */
const published = new Map<string, { count: number; bytes: number }>();
function counting(transport: Transport, component: string): Transport {
  return {
    start: () => transport.start(),
    declareComponent: (code) => transport.declareComponent(code),
    publish: (messages) => {
      for (const m of messages) {
        const key = `${component} ${m.headers['tps-kind'] ?? '?'} ${m.headers['tps-business-type'] ?? ''}`.trim();
        const s = published.get(key) ?? { count: 0, bytes: 0 };
        s.count++;
        s.bytes += m.body.length;
        published.set(key, s);
      }
      if (sqlTraceFile) for (const m of messages) sqlTrace.push(`${now().toFixed(2)}\t${component}\tPUBLISH ${m.headers['tps-kind'] ?? '?'} ${m.headers['tps-business-type'] ?? ''} p=${m.priority ?? ''}`);
      return transport.publish(messages);
    },
    consumeInbox: (code, onDelivery, o) => transport.consumeInbox(code, onDelivery, o),
    consumeDeadLetters: (code, onDelivery, o) => transport.consumeDeadLetters(code, onDelivery, o),
    close: () => transport.close(),
  };
}
let session: Session | undefined;

/** Where the memory is (kB): /proc smaps_rollup (Linux: Rss, Anonymous, …) and V8's heap spaces ("v8 old_space size"/"used"). */
function smapsRollup(): Record<string, number> {
  try {
    const out: Record<string, number> = {};
    for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
      const m = /^(\w+):\s+(\d+) kB/.exec(line);
      if (m) out[m[1]!] = Number(m[2]);
    }
    // V8's spaces: committed (size) and used, MB — where heapTotal beyond heapUsed sits.
    for (const s of getHeapSpaceStatistics()) {
      out[`v8 ${s.space_name} size`] = Math.round(s.space_size / 1024);
      out[`v8 ${s.space_name} used`] = Math.round(s.space_used_size / 1024);
    }
    return out;
  } catch {
    return {};
  }
}

// Issue 14: SQL statements per component, counted with knex's `query` event only when
// BENCH_STATEMENTS_FILE names a file (a listener costs CPU, so CPU runs leave it unset). Each
// `cpu` reading appends the running counts there, so a round's statements are the difference of
// two lines (bench/report/statements.ts).
const statementsFile = process.env.BENCH_STATEMENTS_FILE;
const statements: Record<string, Record<string, number>> = {};
function countStatements(name: string, db: Database): void {
  const counts: Record<string, number> = (statements[name] = { total: 0 });
  db.on('query', (q: { sql: string }) => {
    counts.total!++;
    // "insert mades_sent", "select core_assets", "begin", …: the verb and the first table named.
    const verb = q.sql.trimStart().split(/\s/, 1)[0]!.toLowerCase();
    const table = /\b(?:from|into|update)\s+[`"]?(\w+)/i.exec(q.sql)?.[1] ?? '';
    const key = `${verb} ${table}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  });
}

// Issue 14, benchmark 2: BENCH_SQL_TRACE_FILE names a file that gets every statement (and every
// publish) with its wall-clock time in ms (performance.timeOrigin + now, comparable across
// processes), so the statements of one emergency signal can be listed and placed before or after
// the AGR/BRP's answer (bench/latency-statements.ts). Kept in memory, written at each `cpu` reading.
const sqlTraceFile = process.env.BENCH_SQL_TRACE_FILE;
const sqlTrace: string[] = [];
const now = () => performance.timeOrigin + performance.now();
function traceStatements(name: string, db: Database): void {
  db.on('query', (q: { sql: string }) => void sqlTrace.push(`${now().toFixed(2)}\t${name}\t${q.sql.slice(0, 400).replace(/\s+/g, ' ')}`));
}

async function issueTokens(components: Array<{ name: string; db: Database }>): Promise<Array<{ component: 'agr' | 'dso'; party: string; token: string }>> {
  const out: Array<{ component: 'agr' | 'dso'; party: string; token: string }> = [];
  for (const c of components) {
    if (c.name !== 'agr' && c.name !== 'dso') continue;
    const repo = new TokenRepository(c.db);
    for (const party of config.identities[c.name].parties) out.push({ component: c.name, party, token: (await repo.issue(party, c.name === 'agr' ? 'AGR' : 'DSO', 'benchmark')).token });
  }
  return out;
}

async function main(): Promise<void> {
  const platform = await startPlatform(config, options.components ?? COMPONENT_NAMES, { ports: { directory: 0, core: 0, agr: 0, dso: 0 }, transportDecorator: counting });
  const comp = (n: string) => {
    const c = platform.components.find((x) => x.name === n);
    if (!c) throw new Error(`component ${n} is not in this process`);
    return c;
  };
  if (statementsFile) for (const c of platform.components) countStatements(c.name, c.db);
  if (sqlTraceFile) for (const c of platform.components) traceStatements(c.name, c.db);
  const urlOf = (n: string) => platform.components.find((c) => c.name === n)?.url ?? '';
  // One process per component shares the data folder: issue tokens directly (demo-tokens.json is per platform).
  const tokens = options.components ? await issueTokens(platform.components) : await ensureDemoTokens(config, platform.components);
  const count = async (component: string, table: string): Promise<number> => {
    const row = (await comp(component).db(table).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  };
  process.on('message', (raw) => {
    const m = raw as ChildRequest;
    void (async () => {
      try {
        if (m.type === 'count') send({ type: 'count', id: m.id, n: await count(m.component, m.table) });
        else if (m.type === 'memory') {
          if (m.gc && typeof globalThis.gc === 'function') globalThis.gc();
          const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
          const u = process.memoryUsage();
          send({ type: 'memory', id: m.id, rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, arrayBuffers: u.arrayBuffers, smaps: m.gc ? smapsRollup() : undefined, handles });
        } else if (m.type === 'published') {
          send({ type: 'published', id: m.id, stats: Object.fromEntries(published) });
        } else if (m.type === 'cpu') {
          const u = process.cpuUsage();
          if (statementsFile) appendFileSync(statementsFile, `${JSON.stringify({ userUs: u.user, systemUs: u.system, statements })}\n`);
          if (sqlTraceFile && sqlTrace.length) appendFileSync(sqlTraceFile, `${sqlTrace.splice(0).join('\n')}\n`);
          send({ type: 'cpu', id: m.id, userUs: u.user, systemUs: u.system });
        } else if (m.type === 'profile-start') {
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 500 });
          await session.post('Profiler.start');
          send({ type: 'ok', id: m.id });
        } else if (m.type === 'profile-stop') {
          const { profile } = await session!.post('Profiler.stop');
          writeFileSync(m.file, JSON.stringify(profile));
          session!.disconnect();
          session = undefined;
          send({ type: 'ok', id: m.id });
        } else if (m.type === 'stop') {
          await platform.close();
          send({ type: 'stopped', id: m.id });
          process.exit(0); // writes the --cpu-prof file
        }
      } catch (err) {
        send({ type: 'error', id: m.id, message: String(err) });
      }
    })();
  });
  send({ type: 'ready', urls: { agr: urlOf('agr'), dso: urlOf('dso'), core: urlOf('core'), directory: urlOf('directory') }, tokens, pid: process.pid });
}

main().catch((err) => {
  send({ type: 'error', id: 0, message: String(err?.stack ?? err) });
  process.exit(1);
});
