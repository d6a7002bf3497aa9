// Benchmark 5 (issue 14): one DSO's asset list of N assets from the core's builder
// (broker/src/outgoing/asset-list.ts) through the DSO endpoint's parser (8 MiB inbound limit) into
// its mirror (page staging + the full diff), on SQLite in memory — either as pages of PAGE_SIZE
// assets or, with PAGE_SIZE ≥ N, as the one unpaged document sent before paging existed.
// CPU time of this process per phase (process.cpuUsage), so other load on the machine counts less.
// Run: tsx bench/asset-list-pages.ts <assets> <pageSize>   → one JSON line
import { migrate, openDatabase } from '../packages/storage/src/index.js';
import { makeEic } from '../packages/iec62325/src/index.js';
import { assetListPages } from '../broker/src/outgoing/asset-list.js';
import type { Asset } from '../broker/src/domain/types.js';
import { BENCH_DSO, benchCoreAssets } from './lib/core-assets.js';
import { iec62325Codec, INBOUND_MAX_DOCUMENT_BYTES } from '../endpoint-dso/src/mapping/iec62325-codec.js';
import { dsoMigrations } from '../endpoint-dso/src/storage/migrations.js';
import { AssetListPageRepository } from '../endpoint-dso/src/storage/asset-list-pages.repository.js';
import { AssetMirrorRepository } from '../endpoint-dso/src/storage/asset-mirror.repository.js';

const n = Number(process.argv[2] ?? 25_000);
const pageSize = Number(process.argv[3] ?? 5_000);
const DSO = BENCH_DSO;
const cpuMs = (u: NodeJS.CpuUsage): number => Math.round((u.user + u.system) / 1000);

const assets: Asset[] = benchCoreAssets(n).sort((a, b) => (a.assetId < b.assetId ? -1 : 1)); // listed in id order

const db = await openDatabase({ sqliteFile: ':memory:' });
await migrate(db, 'dso', dsoMigrations);
const pagesRepo = new AssetListPageRepository();
const mirror = new AssetMirrorRepository();

let c = process.cpuUsage();
const pages = assetListPages({ tpsParty: makeEic('10X', 'TPS-CORE'), now: '2026-03-01T08:00:00Z' }, DSO, 'AL-bench-1', assets, pageSize);
const buildCpuMs = cpuMs(process.cpuUsage(c));
const bytes = pages.map((p) => Buffer.byteLength(p));

let parseCpu = 0;
let applyCpu = 0;
let parseError: string | null = null;
let changes = 0;
for (const xml of pages) {
  c = process.cpuUsage();
  let parsed;
  try {
    parsed = iec62325Codec.parse(Buffer.from(xml));
  } catch (e) {
    parseError = (e as Error).message.slice(0, 120);
    break;
  } finally {
    parseCpu += cpuMs(process.cpuUsage(c));
  }
  if (parsed.kind !== 'asset-list') throw new Error(`not an asset list: ${parsed.kind}`);
  const d = parsed.document;
  c = process.cpuUsage();
  await db.transaction(async (trx) => {
    const page = { created: d.createdDateTime, mrid: d.mRID, page: d.paging?.page ?? 1, pageCount: d.paging?.pageCount ?? 1 };
    const outcome = await pagesRepo.receive(trx, DSO, page, d.assets, '2026-03-01T08:00:01Z');
    if (outcome.kind === 'complete') changes = await mirror.applySnapshot(trx, DSO, d.createdDateTime, outcome.assets, '2026-03-01T08:00:01Z', d.mRID);
  });
  applyCpu += cpuMs(process.cpuUsage(c));
}
const mirrored = (await mirror.current(db, DSO)).assets.length;
await db.destroy();
console.log(
  JSON.stringify({
    assets: n,
    pageSize,
    pages: pages.length,
    totalBytes: bytes.reduce((a, b) => a + b, 0),
    maxPageBytes: Math.max(...bytes),
    allPagesWithinMades: bytes.every((b) => b <= INBOUND_MAX_DOCUMENT_BYTES),
    buildCpuMs,
    parseCpuMs: parseCpu,
    stageApplyCpuMs: applyCpu,
    totalCpuMs: buildCpuMs + parseCpu + applyCpu,
    parseError,
    changes,
    mirrored,
    complete: mirrored === n,
  }),
);
