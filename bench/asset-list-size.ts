// Benchmark 5 (issue 14): how big a DSO's complete asset-list document is and what building and
// parsing it costs, for a given number of assets — whether one complete list per DSO can work at
// 100,000 assets, against the parser's input limit (DEFAULT_MAX_DOCUMENT_BYTES) and the mades
// payload limit (8 MiB default). Run: tsx bench/asset-list-size.ts [N …]
import { DEFAULT_MAX_DOCUMENT_BYTES, parseDocument } from '../packages/iec62325/src/index.js';
import { syntheticAssetList } from '../packages/iec62325/src/testing/synthetic-asset-list.js';

const MADES_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024; // packages/mades endpoint default

for (const n of process.argv.slice(2).map(Number).filter((x) => x > 0)) {
  const c0 = process.cpuUsage();
  const xml = syntheticAssetList(n);
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
