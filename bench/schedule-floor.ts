// npx tsx bench/schedule-floor.ts [--quick] [--assets N] [--json FILE] (npm run bench:floor) — the CPU floor of one schedule in benchmark 1:
// only the work the issue forbids skipping (build, sign, encrypt, verify, decrypt, parse +
// XSD-validate), on benchmark 1's exact payload (4 assets × 96 quarter hours; `--assets 1` gives the
// issue's own 96-quarter-hour document of one series), with nothing else —
// no SQL, no HTTP, no AMQP client, no RabbitMQ, no scheduling. Its inverse times two cores is an
// upper bound on the end-to-end rate of this design on this machine, whatever else is optimised:
// compared with the raw ceiling it bounds the reachable e2e/raw ratio (issue 14, goal 1).
//
// Per schedule, as the platform does it:
//   AGR   REST mapping → build the schedule → seal for the core (ECDSA sign + ECDH-ES/AES-GCM)
//   core  verify + open → parse + validate → build the regrouped schedule → seal for the DSO;
//         build + seal the business acknowledgement to the AGR
//   DSO   verify + open → parse + validate
//   AGR   verify + open the acknowledgement → parse + validate it
// Transport acknowledgements are batched (many message IDs per signed ACK) and left out.
// CPU time of this process (process.cpuUsage), medians over batches; one core.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as iec from '../packages/iec62325/src/index.js';
import { DEFAULT_ENCRYPTION_POLICY, openPayload, sealEnvelope, toHeaders, verifyEnvelope } from '../packages/mades/src/index.js';
import { TestDirectory } from '../packages/mades/test/fixtures/directory.js';
import { scheduleRequestSchema } from '../endpoint-agr/src/mapping/rest-schemas.js';
import { periodOf, scheduleDocument } from '../endpoint-agr/src/mapping/outbound-documents.js';
import { median } from './lib/common.js';
import { scheduleBody } from './lib/grid.js';
import { assetId } from './lib/platform.js';

const quick = process.argv.includes('--quick'); // smoke: a few schedules, figures meaningless
const BATCHES = quick ? 2 : 15;
const OPS = quick ? 2 : 20;
const argAt = process.argv.indexOf('--assets');
const ASSETS = argAt > 0 ? Number(process.argv[argAt + 1]) : 4;
if (!Number.isInteger(ASSETS) || ASSETS < 1 || ASSETS > 100) throw new Error('--assets takes a whole number from 1 to 100');

const directory = new TestDirectory();
const agr = await directory.register('10V-AGR-FLOOR-01', ['10X-AGR-PARTY-1']);
const core = await directory.register('10V-TPS-FLOOR-01', ['10X-TPS-PARTY-1']);
const dso = await directory.register('10V-DSO-FLOOR-01', ['10X-DSO-PARTY-1']);
const certOf = (code: string) => directory.encryptionCertificates(code)[0]!;
const party = iec.makeEic('11X', 'BAGR-0');
const coreParty = iec.makeEic('11X', 'TPS-CORE');
const assets = Array.from({ length: ASSETS }, (_, k) => assetId(0, k));
const body = JSON.parse(JSON.stringify(scheduleBody(assets, 1))) as unknown;
const ackDoc = iec.exampleDocuments().acknowledgement;

type Sealed = { headers: Record<string, unknown>; body: Buffer };
const seal = (from: typeof agr, to: string, payload: Buffer): Sealed => {
  const { envelope, body: b } = sealEnvelope(from, { receiver: to, businessType: 'A01', senderParty: from === agr ? '10X-AGR-PARTY-1' : from === core ? '10X-TPS-PARTY-1' : '10X-DSO-PARTY-1', ttlMs: 60_000 }, payload, certOf(to));
  return { headers: toHeaders(envelope), body: b };
};
const open = (m: Sealed, self: typeof agr): Buffer => {
  const v = verifyEnvelope(m.headers, m.body, { directory, self: self.code, maxPayloadBytes: 8 << 20 });
  if (!v.ok) throw new Error(v.detail);
  const o = openPayload(v.envelope, m.body, self, DEFAULT_ENCRYPTION_POLICY);
  if (!o.ok) throw new Error(o.detail);
  return o.payload;
};
const parse = (xml: Buffer) => iec.parseDocument(xml.toString('utf8'));

/** The AGR's REST request → the schedule document's content. */
const mapRequest = (i = 0) => {
  const req = scheduleRequestSchema.parse(body) as { assets: Parameters<typeof periodOf>[0] };
  return scheduleDocument({ party, coreParty }, { scheduleId: `sch-${i}`, revision: 1, period: periodOf(req.assets), assets: req.assets, withdrawn: [] }, new Date());
};
const buildXml = (doc: ReturnType<typeof mapRequest>) => Buffer.from(iec.buildSchedule(doc));

/** One schedule's unavoidable work, step by step; returns CPU µs per step. */
function oneSchedule(i: number, into: Record<string, number>): void {
  let t = process.cpuUsage();
  const lap = (step: string) => {
    const c = process.cpuUsage(t);
    into[step] = (into[step] ?? 0) + c.user + c.system;
    t = process.cpuUsage();
  };
  // AGR
  const doc = mapRequest(i);
  lap('AGR: REST mapping');
  const xml = buildXml(doc);
  lap('AGR: build schedule');
  const hop1 = seal(agr, core.code, xml);
  lap('AGR: sign + encrypt');
  // core
  const atCore = open(hop1, core);
  lap('core: verify + decrypt');
  const parsed = parse(atCore);
  lap('core: parse + validate');
  if (parsed.kind !== 'schedule') throw new Error('not a schedule');
  const regrouped = Buffer.from(iec.buildSchedule({ ...parsed.document, mRID: `tps-${i}` }));
  lap('core: build regrouped schedule');
  const hop2 = seal(core, dso.code, regrouped);
  lap('core: sign + encrypt');
  const ack = seal(core, agr.code, Buffer.from(iec.buildDocument(ackDoc)));
  lap('core: build + seal acknowledgement');
  // DSO
  parse(open(hop2, dso));
  lap('DSO: verify + decrypt + parse + validate');
  // AGR
  parse(open(ack, agr));
  lap('AGR: open + parse acknowledgement');
}

for (let i = 0; i < (quick ? 1 : 10); i++) oneSchedule(i, {}); // warm-up (JIT, compiled schemas)
const loadBefore = loadavg()[0]!;
const perStep = new Map<string, number[]>();
for (let b = 0; b < BATCHES; b++) {
  const sums: Record<string, number> = {};
  for (let i = 0; i < OPS; i++) oneSchedule(i, sums);
  for (const [step, us] of Object.entries(sums)) perStep.set(step, [...(perStep.get(step) ?? []), us / OPS]);
}
const steps = Object.fromEntries([...perStep].map(([s, xs]) => [s, Math.round(median(xs))]));
const floorUs = Object.values(steps).reduce((a, b) => a + b, 0);
const result = {
  quick,
  payload: `${ASSETS} asset${ASSETS === 1 ? '' : 's'} × 96 quarter hours${ASSETS === 4 ? ' (benchmark 1)' : ''}, encryption on`,
  scheduleXmlBytes: buildXml(mapRequest()).length,
  batches: BATCHES,
  schedulesPerBatch: OPS,
  loadBefore: Math.round(loadBefore * 10) / 10,
  loadAfter: Math.round(loadavg()[0]! * 10) / 10,
  cpuUsPerSchedule: steps,
  floorUs,
  /** Two cores doing nothing but this work. */
  upperBoundSchedulesPerSecond: Math.round((2 * 1e6) / floorUs),
};
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
const i = process.argv.indexOf('--json');
if (i > 0) writeFileSync(process.argv[i + 1]!, JSON.stringify(result, null, 2) + '\n');
