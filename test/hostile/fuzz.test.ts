// F1/F2 fuzzing, bounded and seeded (issue 13): fast-check mutates valid documents for
// parseDocument and generates request bodies for every write route of the running facades.
// Properties: parseDocument returns or throws a DocumentError, nothing else; a facade answers
// 2xx or a 4xx problem+json, never 5xx, and stays up.
import { expect } from 'chai';
import fc from 'fast-check';
import { buildDocument, DocumentError, parseDocument } from '../../packages/iec62325/src/index.js';
import { exampleDocuments, exampleVariants } from '../../packages/iec62325/src/examples/example-documents.js';
import { ASSETS, AGR_C, CP, DSO_SOUTH, call, hostilePlatform, settle, type HostilePlatform } from './support/platform.js';
import { record, recordGroup } from './support/summary.js';

const SEED = 13;
const RUNS = 200;
const XML_SNIPPETS = ['<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '&e;', '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '\u0000', '\uFEFF', '&#0;', '&#x10FFFF;', '<x>', '</x>', '"', "'", '\ud800'];

describe('F1/F2 fuzzing (fast-check, seeded, bounded)', function () {
  this.timeout(120_000);

  it(`F1: ${RUNS} mutated documents through parseDocument — only DocumentError escapes`, () => {
    recordGroup('fuzz-parse', 'fast-check (seed 13): 200 mutated documents + 200 random byte strings through parseDocument; one row per property');
    const bases = Object.values({ ...exampleDocuments(), ...exampleVariants() }).map((d) => buildDocument(d));
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...XML_SNIPPETS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })) }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }) }),
    );
    const arb = fc.tuple(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean());
    let tried = 0;
    let typed = 0;
    fc.assert(
      fc.property(arb, ([i, muts, asBytes]) => {
        let bytes = Buffer.from(bases[i]!, 'utf8');
        for (const m of muts) {
          const at = m.at % (bytes.length + 1);
          if (m.op === 'flip') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at + 1)]);
          else if (m.op === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.len)]);
          else if (m.op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text, 'utf8'), bytes.subarray(at)]);
          else if (m.op === 'truncate') bytes = bytes.subarray(0, at);
          else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + m.len), bytes.subarray(at)]);
        }
        tried++;
        try {
          parseDocument(asBytes ? bytes : bytes.toString('utf8'));
        } catch (err) {
          if (!(err instanceof DocumentError)) throw new Error(`untyped throw: ${String(err)}`);
          expect(err.reasonCode).to.match(/^(A\d\d|B\d\d|999)$/);
          typed++;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    record('fuzz-parse', { case: `${RUNS} runs, seed ${SEED}`, clearError: tried === RUNS, crashed: false, stateChanged: false, detail: `${typed} refused with a typed error, ${tried - typed} still valid` });
    expect(tried).to.equal(RUNS);
  });

  it(`F1: ${RUNS} random byte strings through parseDocument — only DocumentError escapes`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          parseDocument(bytes);
        } catch (err) {
          if (!(err instanceof DocumentError)) throw new Error(`untyped throw: ${String(err)}`);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    record('fuzz-parse', { case: `${RUNS} random byte strings, seed ${SEED}`, clearError: true, crashed: false, stateChanged: false });
  });

  describe('F2: generated bodies for every write route of the running facades', () => {
    let p: HostilePlatform;
    before(async function () {
      this.timeout(180_000);
      p = await hostilePlatform();
      recordGroup('fuzz-rest', 'generated bodies (fast-check, seed 13) for the 7 write routes, 100 per route; one row per route: no 5xx, errors problem+json');
    });
    // Accepted fuzz bodies send documents: let their answers land before other files take baselines.
    after(async function () {
      this.timeout(60_000);
      if (p) await settle(p);
    });

    // AGR_C and DSO_SOUTH carry the fuzzing; a valid body may be accepted (2xx), which is fine.
    const own = () => ASSETS.find((a) => a.operator === AGR_C)!;
    const validBodies: Array<[string, 'agr' | 'dso', string, string, () => unknown]> = [
      ['POST /assets', 'agr', 'POST', '/assets', () => ({ assets: [{ assetId: own().assetId, connectionPointId: own().connectionPointId, produces: true, consumes: false, maxProductionW: 5, maxConsumptionW: 0, name: 'x' }] })],
      ['PUT /assets', 'agr', 'PUT', '/assets', () => ({ assets: [{ assetId: own().assetId, connectionPointId: own().connectionPointId, produces: true, consumes: true, maxProductionW: 5, maxConsumptionW: 5, name: 'x' }] })],
      ['POST /schedules', 'agr', 'POST', '/schedules', () => ({ assets: [{ assetId: own().assetId, resolution: 'PT60M', intervals: [{ start: p.day.start, end: p.day.end, powerW: 5 }] }] })],
      ['POST /connection-points', 'dso', 'POST', '/connection-points', () => ({ connectionPointIds: [CP.S1] })],
      ['POST /capacity-limits/foreseen', 'dso', 'POST', '/capacity-limits/foreseen', () => ({ period: p.day, series: [{ direction: 'production', assetIds: [ASSETS.find((a) => a.dso === DSO_SOUTH)!.assetId], resolution: 'PT60M', availableCapacityW: [1, 2, 3, 4] }] })],
      ['POST /capacity-limits/unforeseen', 'dso', 'POST', '/capacity-limits/unforeseen', () => ({ expectedEnd: p.day.end, signals: [{ direction: 'production', action: 'hold', assetIds: [ASSETS.find((a) => a.dso === DSO_SOUTH)!.assetId] }] })],
      ['POST /schedules/refresh', 'dso', 'POST', '/schedules/refresh', () => ({ assetIds: [ASSETS.find((a) => a.dso === DSO_SOUTH)!.assetId] })],
    ];

    /** Replaces one leaf (by path index) of a valid body with an arbitrary JSON value. */
    function mutateLeaf(body: unknown, pick: number, value: unknown): unknown {
      let n = 0;
      const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(walk);
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return n++ === pick ? value : v;
      };
      return walk(body);
    }

    for (const [label, target, method, path, valid] of validBodies) {
      it(`F2: ${label} — ${Math.round(RUNS / 2)} generated bodies, never 5xx, errors as problem+json`, async function () {
        this.timeout(120_000);
        const token = target === 'agr' ? p.tokens[AGR_C!]! : p.tokens[DSO_SOUTH!]!;
        const url = target === 'agr' ? p.urls.agr : p.urls.dso;
        const body = fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.tuple(fc.nat({ max: 12 }), fc.jsonValue()).map(([pick, v]) => JSON.stringify(mutateLeaf(valid(), pick, v))),
          fc.tuple(fc.nat({ max: 12 }), fc.constantFrom(-1, 1e308, -1e308, 0.5, '', '💥', "' OR 1=1--", '<x/>', null, [], {}, 2 ** 53)).map(([pick, v]) => JSON.stringify(mutateLeaf(valid(), pick, v))),
          fc.string({ maxLength: 60 }),
        );
        let tried = 0;
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(body, async (text) => {
            tried++;
            const r = await call(url, method, path, { token, body: text, headers: { 'content-type': 'application/json' } });
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            expect(r.status, r.text.slice(0, 300)).to.be.below(500);
            if (r.status >= 400) {
              expect(r.contentType).to.match(/^application\/problem\+json/);
              expect((r.json as { code?: string }).code).to.be.a('string');
            }
          }),
          { seed: SEED, numRuns: Math.round(RUNS / 2) },
        );
        record('fuzz-rest', { case: label, clearError: true, crashed: false, stateChanged: false, detail: JSON.stringify(Object.fromEntries(statuses)) });
        expect(tried).to.equal(Math.round(RUNS / 2));
        expect((await call(url, 'GET', '/ping')).text, 'still up').to.equal('pong');
      });
    }
  });
});
