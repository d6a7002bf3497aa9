// Benchmark 5 (issue 14): the cost model of a bulk registration's asset lists. One DSO's list
// grows by STEP assets per round up to N; each round the list is built by the core's page
// builder, parsed by the DSO endpoint's codec and staged + applied (full diff) into the same
// SQLite mirror, as each push of a bulk load does. CPU time of this process per round and phase
// (process.cpuUsage; warm after the first round), so other load on the machine counts less.
// Signing, encryption and transport are not included (they scale with the bytes, also printed).
// Run: tsx bench/asset-list-growth.ts <N> <STEP>   → one JSON line per round
import { migrate, openDatabase } from '../packages/storage/src/index.js';
import { makeEic } from '../packages/iec62325/src/index.js';
import { assetListPages } from '../broker/src/outgoing/asset-list.js';
import type { Asset } from '../broker/src/domain/types.js';
import { BENCH_DSO, benchCoreAssets } from './lib/core-assets.js';
import { iec62325Codec } from '../endpoint-dso/src/mapping/iec62325-codec.js';
import { dsoMigrations } from '../endpoint-dso/src/storage/migrations.js';
import { AssetListPageRepository } from '../endpoint-dso/src/storage/asset-list-pages.repository.js';
import { AssetMirrorRepository } from '../endpoint-dso/src/storage/asset-mirror.repository.js';

const n = Number(process.argv[2] ?? 20_000);
const step = Number(process.argv[3] ?? 5_000);
const DSO = BENCH_DSO;
const cpuMs = (u: NodeJS.CpuUsage): number => Math.round((u.user + u.system) / 1000);

const all: Asset[] = benchCoreAssets(n); // registered in index order, listed in id order

const db = await openDatabase({ sqliteFile: ':memory:' });
await migrate(db, 'dso', dsoMigrations);
const pagesRepo = new AssetListPageRepository();
const mirror = new AssetMirrorRepository();

for (let round = 1, size = step; size <= n; round++, size += step) {
  const assets = all.slice(0, size).sort((a, b) => (a.assetId < b.assetId ? -1 : 1));
  const created = new Date(Date.UTC(2026, 2, 1, 8, 0, round)).toISOString().slice(0, 19) + 'Z';
  let c = process.cpuUsage();
  const pages = assetListPages({ tpsParty: makeEic('10X', 'TPS-CORE'), now: created }, DSO, `AL-growth-${round}`, assets);
  const buildCpuMs = cpuMs(process.cpuUsage(c));
  let parseCpuMs = 0;
  let applyCpuMs = 0;
  let changes = 0;
  for (const xml of pages) {
    c = process.cpuUsage();
    const parsed = iec62325Codec.parse(Buffer.from(xml));
    parseCpuMs += cpuMs(process.cpuUsage(c));
    if (parsed.kind !== 'asset-list') throw new Error(`not an asset list: ${parsed.kind}`);
    const d = parsed.document;
    c = process.cpuUsage();
    await db.transaction(async (trx) => {
      const page = { created: d.createdDateTime, mrid: d.mRID, page: d.paging?.page ?? 1, pageCount: d.paging?.pageCount ?? 1 };
      const outcome = await pagesRepo.receive(trx, DSO, page, d.assets, created);
      if (outcome.kind === 'complete') changes = await mirror.applySnapshot(trx, DSO, d.createdDateTime, outcome.assets, created, d.mRID);
    });
    applyCpuMs += cpuMs(process.cpuUsage(c));
  }
  const mirrored = (await mirror.current(db, DSO)).assets.length;
  if (mirrored !== size) throw new Error(`mirror holds ${mirrored}, expected ${size}`);
  const bytes = pages.reduce((s, p) => s + Buffer.byteLength(p), 0);
  console.log(JSON.stringify({ round, assets: size, pages: pages.length, bytes, buildCpuMs, parseCpuMs, stageApplyCpuMs: applyCpuMs, totalCpuMs: buildCpuMs + parseCpuMs + applyCpuMs, changes }));
}
await db.destroy();
