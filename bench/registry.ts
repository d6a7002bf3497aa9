// Benchmark 5 (issue 14): registry scale. DSOs register connection points, AGR/BRPs register
// assets in bulk (1,000 per POST /assets, the facade's maximum) through the REST facades; the
// core acknowledges each call and pushes every affected DSO its full asset list (coalesced: at
// most one list per DSO per quiet period, broker/src/outgoing/asset-list-flusher.ts); measured: time
// until every registration is acknowledged, time until every DSO's mirror is complete, the
// platform process's CPU time for both, and the
// latency of a DSO's GET /assets for the largest DSO. Full size (issue 14): --assets 1000000
// over 1,000 connection points, 100 AGR/BRPs, 10 DSOs (100,000 assets each). The size actually
// measured is in the result's parameters: a scaled run is never reported as the full size.
import { join } from 'node:path';
import { log, Progress, sleep, summarize, timed, type BenchResult } from './lib/common.js';
import { setupGrid } from './lib/grid.js';
import { PlatformUnderTest } from './lib/platform.js';
import { withRabbit } from './lib/rabbit.js';
import { cpuSecondsOf, PostgresServer, treeCpuSecondsOf } from '../packages/testing/src/index.js';
import { round } from './e2e.js';
import { summarizeProfile } from './report/profile.js';

export interface RegistryOptions {
  quick?: boolean;
  assets?: number;
  points?: number;
  agrs?: number;
  dsos?: number;
  /** Also run on PostgreSQL (a private server); SQLite always. */
  postgres?: boolean;
  /** With postgres: PostgreSQL only, so one database's run fits a time box. */
  skipSqlite?: boolean;
  queries?: number;
  /** Write a V8 CPU profile of the platform process during the registrations into this folder. */
  profileDir?: string;
}

export async function runRegistry(o: RegistryOptions = {}): Promise<BenchResult> {
  const quick = o.quick ?? false;
  const assets = o.assets ?? (quick ? 400 : 1_000_000);
  const points = o.points ?? (quick ? 4 : 1_000);
  const agrs = o.agrs ?? (quick ? 2 : 100);
  const dsos = o.dsos ?? (quick ? 2 : 10);
  const queries = o.queries ?? (quick ? 2 : 20);
  const databases: Array<'sqlite' | 'postgresql'> = o.postgres ? (o.skipSqlite ? ['postgresql'] : ['sqlite', 'postgresql']) : ['sqlite'];
  return timed('registry', quick, { assets, points, agrs, dsos, assetsPerDso: Math.floor(assets / dsos), assetsPerCall: 1000, databases, fullSize: assets >= 1_000_000 }, async (result) =>
    withRabbit(async (amqpUrl) => {
      for (const db of databases) {
        // Durable (fsync on) as in production; the test suite's servers run with fsync off.
        const pg = db === 'postgresql' ? await new PostgresServer({ durable: true }).start() : undefined;
        const pgPid = pg?.postmasterPid();
        const pgCpu = () => (pgPid === undefined ? undefined : treeCpuSecondsOf(pgPid));
        const p = await new PlatformUnderTest({ amqpUrl, agrs, dsos, ...(pg ? { databaseUrl: pg.url } : {}) }).start();
        try {
          log(`registry (${db}): ${assets} assets, ${points} connection points, ${agrs} AGR/BRPs, ${dsos} DSOs`);
          // The profiler's own overhead lands in the CPU figure of a profiled run: compare
          // CPU figures only between runs that were both profiled or both not.
          if (o.profileDir) await p.profileStart();
          const cpu0 = cpuSecondsOf(p.pid);
          const pgCpu0 = pgCpu();
          const grid = await setupGrid(p, { pointsPerDso: Math.floor(points / dsos), assetsPerAgr: Math.floor(assets / agrs), concurrency: 8, progress: true, timeoutMs: 3_600_000 });
          const cpu1 = cpuSecondsOf(p.pid);
          const pgCpu1 = pgCpu();
          const databaseCpuS = pgCpu0 !== undefined && pgCpu1 !== undefined ? pgCpu1 - pgCpu0 : undefined;
          if (o.profileDir) {
            const files = await p.profileStop(join(o.profileDir, `registry-${db}-platform-${Date.now()}.cpuprofile`));
            result.details = { ...result.details, [`${db}Profile`]: { files, summary: summarizeProfile(files[0]!) } };
          }
          const platformCpuS = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
          // How many asset-list documents (pages) the core pushed and their bytes: the list work
          // grows with this count times the DSOs' size (issue 14's quadratic term).
          const published = await p.published();
          const lists = Object.entries(published)
            .filter(([key]) => key.startsWith('core ') && key.endsWith(' asset-list'))
            .reduce((sum, [, v]) => ({ count: sum.count + v.count, bytes: sum.bytes + v.bytes }), { count: 0, bytes: 0 });
          const registered = grid.assets.reduce((s, a) => s + a.length, 0);
          // The largest DSO's GET /assets (the mirror): latency and size.
          const perDso = grid.points.map((pts) => {
            const set = new Set(pts);
            return [...grid.pointOf.values()].filter((cp) => set.has(cp)).length;
          });
          const biggest = perDso.indexOf(Math.max(...perDso));
          const dso = p.client(p.dsoParties[biggest]!);
          await sleep(quick ? 50 : 500);
          const ms: number[] = [];
          let count = 0;
          let bytes = 0;
          const progress = new Progress(`GET /assets (${perDso[biggest]} assets)`, queries);
          for (let q = 0; q < queries; q++) {
            const t0 = performance.now();
            const list = await dso.get<{ assets: unknown[] }>('/assets');
            ms.push(performance.now() - t0);
            count = list.assets.length;
            bytes = Buffer.byteLength(JSON.stringify(list)); // the body as re-serialized (the server writes the same JSON)
            progress.update(q + 1);
          }
          const s = summarize(ms);
          const rate = registered / ((grid.timings.assetsMs + grid.timings.mirrorsMs) / 1000);
          result.figures.push(
            { name: `${db}: ${registered.toLocaleString('en')} assets registered (all acknowledged)`, value: round(grid.timings.assetsMs / 1000, 1), unit: 's' },
            { name: `${db}: … and every DSO mirror complete`, value: round((grid.timings.assetsMs + grid.timings.mirrorsMs) / 1000, 1), unit: 's', note: `${Math.round(rate)} assets/s` },
            ...(platformCpuS !== undefined ? [{ name: `${db}: platform CPU for the registrations and mirrors`, value: round(platformCpuS, 1), unit: 's', note: `${Math.round(registered / platformCpuS)} assets per CPU second (platform process, /proc)` }] : []),
            ...(databaseCpuS !== undefined ? [{ name: `${db}: PostgreSQL's own CPU for the registrations and mirrors`, value: round(databaseCpuS, 1), unit: 's', note: 'the postmaster and its backends (/proc)' }] : []),
            { name: `${db}: asset-list pages pushed by the core`, value: lists.count, unit: 'documents', note: `${round(lists.bytes / 1e6, 1)} MB published` },
            { name: `${db}: DSO GET /assets p50 (${count.toLocaleString('en')} assets)`, value: s.p50, unit: 'ms' },
            { name: `${db}: DSO GET /assets p99 (${count.toLocaleString('en')} assets)`, value: s.p99, unit: 'ms' },
            { name: `${db}: DSO GET /assets body`, value: round(bytes / 1e6, 2), unit: 'MB' },
          );
          result.details = { ...result.details, [db]: { timings: grid.timings, platformCpuS, databaseCpuS, published, assetsPerDso: perDso, query: s, listed: count, bodyBytes: bytes } };
        } finally {
          await p.stop();
          await pg?.stop();
        }
      }
    }),
  );
}
