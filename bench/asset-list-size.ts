// Benchmark 5 (issue 14): how big a DSO's complete asset-list document is and what building and
// parsing it costs, for a given number of assets — whether one complete list per DSO can work at
// 100,000 assets, against the parser's input limit (DEFAULT_MAX_DOCUMENT_BYTES) and the mades
// payload limit (8 MiB default). Run: tsx bench/asset-list-size.ts [N …]
import { buildAssetList, DEFAULT_MAX_DOCUMENT_BYTES, parseDocument } from '../packages/iec62325/src/index.js';
import { makeEic, makeGsrn, MARKET_ROLE } from '../packages/iec62325/src/index.js';

const MADES_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024; // packages/mades endpoint default

const assetId = (i: number): string => makeEic('10W', `S${String(i).padStart(10, '0')}`);

function list(n: number): string {
  return buildAssetList({
    mRID: 'AL-size-1',
    revisionNumber: 1,
    createdDateTime: '2026-03-01T08:00:00Z',
    sender: { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform },
    receiver: { mRID: makeEic('10X', 'DSO-ONE'), role: MARKET_ROLE.dso },
    unit: 'KWT',
    assets: Array.from({ length: n }, (_, i) => assetId(i)).map((id, i) => ({
      assetId: id,
      name: `bench asset ${id}`, // as bench/lib/grid.ts names them
      connectionPoint: makeGsrn(`571${String(i % 100_000).padStart(14, '0')}`),
      produces: true,
      consumes: true,
      maxProductionW: 100_000,
      maxConsumptionW: 100_000,
    })),
  });
}

for (const n of process.argv.slice(2).map(Number).filter((x) => x > 0)) {
  const c0 = process.cpuUsage();
  const xml = list(n);
  const built = process.cpuUsage(c0);
  const bytes = Buffer.byteLength(xml);
  let parse = 'ok';
  const c1 = process.cpuUsage();
  try {
    parseDocument(xml, { maxBytes: Math.max(bytes + 1, DEFAULT_MAX_DOCUMENT_BYTES) });
  } catch (e) {
    parse = (e as Error).message.slice(0, 120);
  }
  const parsed = process.cpuUsage(c1);
  console.log(JSON.stringify({ assets: n, bytes, bytesPerAsset: Math.round(bytes / n), overParserDefault: bytes > DEFAULT_MAX_DOCUMENT_BYTES, overMadesPayload: bytes > MADES_MAX_PAYLOAD_BYTES, buildCpuMs: Math.round((built.user + built.system) / 1000), parseCpuMs: Math.round((parsed.user + parsed.system) / 1000), parse }));
}
