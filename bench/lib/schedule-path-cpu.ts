// Micro CPU measurement of the per-schedule steps of benchmark 1, on its exact payload (4 assets ×
// 96 quarter hours): the AGR's REST mapping (zod + times + document model), building the XML, and
// parsing it (guard + libxml2 + XSD + typed read, as the core and the DSO do). CPU µs per
// operation (process.cpuUsage), medians over batches.
//
// With --baseline DIR (another checkout of the project, e.g. `git archive HEAD | tar -x -C DIR`
// with node_modules linked), the same steps of that checkout run in this same process, batches
// alternating between the two: a paired comparison that a loaded machine skews far less than two
// separate runs. Run from a checkout root: `tsx bench/lib/schedule-path-cpu.ts [--baseline DIR] [--json FILE]`.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, REPO_ROOT } from './common.js';
import { scheduleBody } from './grid.js';
import { assetId } from './platform.js';

interface Steps {
  restMapping: (i: number) => unknown;
  build: () => string;
  parse: () => unknown;
  bytes: number;
}

// Request bodies made up front (JSON round trip, as the endpoint receives them): generating them
// is the client's work, not the endpoint's.
const assets = Array.from({ length: 4 }, (_, k) => assetId(0, k));
const bodies = Array.from({ length: 16 }, (_, i) => JSON.parse(JSON.stringify(scheduleBody(assets, i))) as unknown);

async function stepsOf(root: string): Promise<Steps> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const iec = await load('packages/iec62325/src/index.ts');
  const { scheduleRequestSchema } = await load('endpoint-agr/src/mapping/rest-schemas.ts');
  const { periodOf, scheduleDocument } = await load('endpoint-agr/src/mapping/outbound-documents.ts');
  const { formatIsoUtc, parseIsoUtc } = await load('endpoint-agr/src/mapping/time.ts');
  const party = iec.makeEic('11X', 'BAGR-0');
  const coreParty = iec.makeEic('11X', 'TPS-CORE');
  const now = new Date(Date.UTC(2026, 10, 21, 12));
  // The stored form of a time: older schemas yield strings the route normalised, newer ones parsed times.
  const text = (t: unknown): string => (typeof t === 'string' ? formatIsoUtc(parseIsoUtc(t)) : (t as { iso: string }).iso);
  type Asset = { assetId: string; resolution: string; intervals: Array<{ start: unknown; end: unknown; powerW: number }> };
  /** The route's work from body to document model, whichever interval representation the schema yields. */
  const restToDocument = (i: number) => {
    const body = scheduleRequestSchema.parse(bodies[i % bodies.length]) as { assets: Asset[] };
    const stored = body.assets.map((a) => ({ assetId: a.assetId, resolution: a.resolution, intervals: a.intervals.map((iv) => ({ start: text(iv.start), end: text(iv.end), powerW: iv.powerW })) }));
    const timed = typeof body.assets[0]!.intervals[0]!.start === 'string' ? stored : body.assets;
    const period = periodOf(timed);
    return { stored, doc: scheduleDocument({ party, coreParty }, { scheduleId: `sch-${i}`, revision: 1, period, assets: timed, withdrawn: [] }, now) };
  };
  const doc = restToDocument(1).doc;
  const xml: string = iec.buildSchedule(doc); // the checkout's own default: what it puts on the wire
  return { restMapping: restToDocument, build: () => iec.buildSchedule(doc), parse: () => iec.parseDocument(xml), bytes: Buffer.byteLength(xml) };
}

function cpuUs(fn: (i: number) => unknown, ops: number): number {
  const c0 = process.cpuUsage();
  for (let i = 0; i < ops; i++) fn(i);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / ops;
}

const OPS = { restMapping: 40, build: 100, parse: 20 } as const;
const BATCHES = 15;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const trees: Array<[string, string]> = [['current', REPO_ROOT], ...(arg('--baseline') ? [['baseline', arg('--baseline')!] as [string, string]] : [])];
const steps = new Map<string, Steps>();
for (const [name, root] of trees) steps.set(name, await stepsOf(root));
const samples = new Map<string, Record<keyof typeof OPS, number[]>>(trees.map(([n]) => [n, { restMapping: [], build: [], parse: [] }]));
const loadBefore = loadavg()[0]!;
for (const [, s] of steps) for (const op of Object.keys(OPS) as Array<keyof typeof OPS>) cpuUs(s[op], OPS[op]); // warm-up (JIT)
for (let b = 0; b < BATCHES; b++) {
  for (const op of Object.keys(OPS) as Array<keyof typeof OPS>) {
    for (const [name] of b % 2 ? [...trees].reverse() : trees) samples.get(name)![op].push(cpuUs(steps.get(name)![op], OPS[op]));
  }
}
const r1 = (x: number) => Math.round(x * 10) / 10;
const result = {
  payload: '4 assets × 96 quarter hours (benchmark 1)',
  batches: BATCHES,
  opsPerBatch: OPS,
  loadBefore: r1(loadBefore),
  loadAfter: r1(loadavg()[0]!),
  trees: Object.fromEntries(
    trees.map(([name, root]) => {
      const s = samples.get(name)!;
      return [name, { root, documentBytes: steps.get(name)!.bytes, cpuUsPerOp: { restMapping: r1(median(s.restMapping)), build: r1(median(s.build)), parse: r1(median(s.parse)) } }];
    }),
  ),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
const out = arg('--json');
if (out) writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
