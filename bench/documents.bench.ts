// `npm run bench:documents` — build, parse and validate rates of the wire documents (a benchmark,
// not a test). Reports the median of repeated timed runs and the machine it ran on. Node runs
// this on one thread, so every figure is a one-core figure.
import { XMLParser } from 'fast-xml-parser';
import { createRequire } from 'node:module';
import os from 'node:os';
import {
  buildDocument,
  compileProfiles,
  exampleDocuments,
  makeEic,
  MARKET_ROLE,
  parseDocument,
  toYmdhm,
  validateSchemaOnly,
  type ParsedDocument,
} from '../packages/iec62325/src/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 300);
const TARGET_VALIDATIONS_PER_S = 5000;

const dso = { mRID: makeEic('10X', 'DSO-BENCH'), role: MARKET_ROLE.dso };
const platform = { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform };
const agr = { mRID: makeEic('10X', 'AGR-BENCH'), role: MARKET_ROLE.resourceAggregator };
const day = { start: '2026-03-02T00:00Z', end: '2026-03-03T00:00Z' };
const assets = Array.from({ length: 50 }, (_, i) => makeEic('10W', `BENCH-${i}`));
// Deterministic, varied integer watts (a daily shape with noise).
const curve = (seed: number, signed: boolean): number[] =>
  Array.from({ length: 96 }, (_, i) => {
    const base = Math.round(250_000 * Math.sin(((i + seed) / 96) * 2 * Math.PI)) + ((i * 7919 + seed * 104_729) % 1000);
    return signed ? base : Math.abs(base);
  });
const header = { revisionNumber: 1, createdDateTime: '2026-03-01T12:00:00Z' };

const DOCUMENTS: Record<string, ParsedDocument> = {
  'acknowledgement (small)': exampleDocuments().acknowledgement,
  'schedule, 96 points': {
    kind: 'schedule',
    document: { ...header, mRID: 'bench-schedule', sender: agr, receiver: platform, period: day, unit: 'KWT', series: [{ mRID: '1', assetId: assets[0]!, cancelled: false, resolution: 'PT15M', interval: day, pointsW: curve(1, true) }] },
  },
  'limit, 50 assets (2 x 96 points)': {
    kind: 'capacity-limit',
    document: {
      ...header, mRID: 'bench-limit', sender: dso, receiver: platform, period: day, status: 'active', unit: 'KWT', reasons: [{ code: 'B24' }], limitType: 'foreseen',
      series: (['production', 'consumption'] as const).map((direction, i) => ({ mRID: `L${i}`, direction, assetIds: assets, resolution: 'PT15M' as const, interval: day, availableW: curve(i, false) })),
    },
  },
  'unforeseen, 50 assets': {
    kind: 'capacity-limit',
    document: {
      ...header, mRID: 'bench-signal', sender: dso, receiver: platform, period: { start: '2026-03-02T10:00Z', end: '2026-03-02T12:00Z' }, status: 'active', unit: 'KWT', reasons: [], limitType: 'unforeseen',
      series: assets.map((assetId, i) => ({ mRID: `S${i}`, direction: i % 2 === 0 ? ('production' as const) : ('consumption' as const), assetIds: [assetId], action: (['start', 'stop', 'hold'] as const)[i % 3]! })),
    },
  },
  'grants, 50 assets x 96 points': {
    kind: 'capacity-limit',
    document: {
      ...header, mRID: 'bench-grant', sender: platform, receiver: agr, period: day, status: 'active', unit: 'KWT', reasons: [], limitType: 'grant',
      series: assets.map((assetId, i) => ({ mRID: `G${i}`, direction: 'consumption' as const, assetId, resolution: 'PT15M' as const, interval: day, grantW: curve(i, false) })),
    },
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One timed run of about RUN_MS: operations per second of wall-clock time, and per second of CPU
 * time used by this process (the one-core figure, robust to other load on the machine).
 */
function timedRun(operation: () => unknown): { wall: number; cpu: number } {
  let count = 0;
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < RUN_MS) {
    for (let i = 0; i < 5; i++) operation();
    count += 5;
    elapsed = performance.now() - started;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (count / elapsed) * 1000, cpu: (count / (cpu.user + cpu.system)) * 1e6 };
}

const fastXml = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const require = createRequire(import.meta.url);
const libxml2Version = (require('libxml2-wasm/package.json') as { version: string }).version;
const OPERATIONS = ['build', 'build compact', 'validate', 'validate compact', 'parse', 'parse compact', 'fast-xml-parser'] as const;
type Operation = (typeof OPERATIONS)[number];

compileProfiles();
const cpus = os.cpus();
const load = (): string => os.loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`# Document benchmark ${toYmdhm(Date.now())}`);
console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores (one used), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.arch()}`);
console.log(`node ${process.version}, libxml2-wasm ${libxml2Version}; ${RUNS} runs x ${RUN_MS} ms per figure, operations interleaved; load average at start ${load()}`);
console.log('validate = guard + libxml2 parse + compiled-profile validation; parse = validate + read the typed document + semantic rules\n');

const results: Array<{ document: string; bytes: number; compactBytes: number; wall: Record<Operation, number>; cpu: Record<Operation, number> }> = [];
for (const [name, doc] of Object.entries(DOCUMENTS)) {
  const xml = buildDocument(doc);
  const bytes = new TextEncoder().encode(xml);
  const compact = new TextEncoder().encode(buildDocument(doc, { pretty: false }));
  const operations: Record<Operation, () => unknown> = {
    build: () => buildDocument(doc),
    'build compact': () => buildDocument(doc, { pretty: false }),
    validate: () => validateSchemaOnly(bytes),
    'validate compact': () => validateSchemaOnly(compact),
    parse: () => parseDocument(bytes),
    'parse compact': () => parseDocument(compact),
    'fast-xml-parser': () => fastXml.parse(xml),
  };
  for (const op of OPERATIONS) timedRun(operations[op]); // warm-up
  const runs = Object.fromEntries(OPERATIONS.map((op) => [op, [] as Array<{ wall: number; cpu: number }>])) as Record<Operation, Array<{ wall: number; cpu: number }>>;
  for (let run = 0; run < RUNS; run++) for (const op of OPERATIONS) runs[op].push(timedRun(operations[op]));
  const pick = (key: 'wall' | 'cpu'): Record<Operation, number> => Object.fromEntries(OPERATIONS.map((op) => [op, median(runs[op].map((r) => r[key]))])) as Record<Operation, number>;
  results.push({ document: name, bytes: bytes.length, compactBytes: compact.length, wall: pick('wall'), cpu: pick('cpu') });
}

const f = (n: number): string => Math.round(n).toLocaleString('en-US');
console.log('Median operations per second of CPU time (one core); wall-clock median in brackets.\n');
console.log(`| document | bytes (pretty / compact) | ${OPERATIONS.map((op) => `${op} /s`).join(' | ')} |`);
console.log(`|---|---:|${OPERATIONS.map(() => '---:').join('|')}|`);
for (const r of results) console.log(`| ${r.document} | ${r.bytes} / ${r.compactBytes} | ${OPERATIONS.map((op) => `${f(r.cpu[op])} (${f(r.wall[op])})`).join(' | ')} |`);
const schedule = results.find((r) => r.document.startsWith('schedule'))!;
console.log(`\nload average at end ${load()}`);
const met = schedule.cpu['validate compact'] >= TARGET_VALIDATIONS_PER_S;
console.log(`target >= ${TARGET_VALIDATIONS_PER_S} validations/s on one core (96-point schedule): ${f(schedule.cpu.validate)}/s pretty, ${f(schedule.cpu['validate compact'])}/s compact -> ${met ? 'met' : 'NOT met'}`);
if (process.argv.includes('--json')) console.log(JSON.stringify({ node: process.version, cpus: cpus.length, model: cpus[0]?.model, results }));
