// Benchmark 6 (issue 14): document validation, validations/s per core for each document kind —
// the example document of every kind (packages/iec62325 exampleDocuments) plus the realistic
// schedule of benchmark 1 (4 assets × 96 quarter hours). `validate` = guard + libxml2 parse +
// compiled-profile (XSD) validation; `parse` = validate + typed read + semantic rules, what the
// core and the endpoints do on every receipt. Rates per second of this process's CPU time
// (robust to other load), medians of repeated runs; bench/documents.bench.ts has build rates too.
import { buildDocument, compileProfiles, exampleDocuments, makeEic, MARKET_ROLE, parseDocument, validateSchemaOnly, type ParsedDocument } from '../packages/iec62325/src/index.js';
import { median, timed, type BenchResult } from './lib/common.js';

function cpuRate(op: () => unknown, ms: number): number {
  let count = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    for (let i = 0; i < 5; i++) op();
    count += 5;
  }
  const c = process.cpuUsage(c0);
  return (count / (c.user + c.system)) * 1e6;
}

function realisticSchedule(): ParsedDocument {
  const day = { start: '2026-03-02T00:00Z', end: '2026-03-03T00:00Z' };
  return {
    kind: 'schedule',
    document: {
      mRID: 'bench-schedule-4x96',
      revisionNumber: 1,
      createdDateTime: '2026-03-01T12:00:00Z',
      sender: { mRID: makeEic('10X', 'AGR-BENCH'), role: MARKET_ROLE.resourceAggregator },
      receiver: { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform },
      period: day,
      unit: 'KWT',
      series: Array.from({ length: 4 }, (_, a) => ({
        mRID: String(a + 1),
        assetId: makeEic('10W', `BENCH-${a}`),
        cancelled: false,
        resolution: 'PT15M' as const,
        interval: day,
        pointsW: Array.from({ length: 96 }, (_, q) => Math.round(80_000 * Math.sin(((q + a) / 96) * 2 * Math.PI))),
      })),
    },
  };
}

export async function runDocuments(o: { quick?: boolean } = {}): Promise<BenchResult> {
  const quick = o.quick ?? false;
  const runs = quick ? 1 : 7;
  const ms = quick ? 30 : 300;
  return timed('documents', quick, { runs, runMs: ms, rate: 'per second of CPU time, one core' }, async (result) => {
    compileProfiles();
    const docs: Array<[string, ParsedDocument]> = [...Object.entries(exampleDocuments()).map(([k, d]) => [`${k} (example)`, d] as [string, ParsedDocument]), ['schedule, 4 assets × 96 (benchmark 1)', realisticSchedule()]];
    const rows: Array<{ document: string; bytes: number; validate: number; parse: number }> = [];
    for (const [name, doc] of docs) {
      const bytes = new TextEncoder().encode(buildDocument(doc));
      const validate = () => validateSchemaOnly(bytes);
      const parse = () => parseDocument(bytes);
      cpuRate(validate, ms / 3);
      cpuRate(parse, ms / 3);
      const v: number[] = [];
      const p: number[] = [];
      for (let r = 0; r < runs; r++) {
        v.push(cpuRate(validate, ms));
        p.push(cpuRate(parse, ms));
      }
      rows.push({ document: name, bytes: bytes.length, validate: Math.round(median(v)), parse: Math.round(median(p)) });
      result.figures.push({ name: `${name}: validate`, value: Math.round(median(v)), unit: '/s per core', note: `${bytes.length} B` });
      result.figures.push({ name: `${name}: parse (validate + read)`, value: Math.round(median(p)), unit: '/s per core' });
    }
    result.details = { rows };
  });
}
