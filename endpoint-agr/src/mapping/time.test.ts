import { expect } from 'chai';
import fc from 'fast-check';
import { formatIsoUtc, parseIsoUtc, readIsoUtc } from './time.js';

// The fast path for the canonical forms must give exactly the verdicts of the general reader: the
// oracle here is that reader's definition (regex + Date round trip), written out independently.
const ORACLE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z$/;
function oracle(text: string): number | undefined {
  const m = ORACLE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const s = Number(m[6] ?? 0);
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  if (h! > 23 || mi! > 59 || s > 59) return undefined;
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, s, ms);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d) return undefined;
  return t;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Canonical-shaped text with fields over and beyond their ranges (month 13, 30 February, hour 24 …). */
const canonicalShaped = fc
  .record({ y: fc.integer({ min: 0, max: 9999 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 60 }), s: fc.integer({ min: 0, max: 60 }), ms: fc.option(fc.integer({ min: 0, max: 999 })) })
  .map(({ y, mo, d, h, mi, s, ms }) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === null ? '' : '.' + pad(ms, 3)}Z`);
/** The same texts with one character replaced: separators, digits and the zone all get hit. */
const mutated = fc.tuple(canonicalShaped, fc.nat(), fc.constantFrom('0', '9', '-', ':', 'T', 'Z', '.', ' ', '+', '/', '٣', '\u0000', 'z', 't')).map(([t, i, c]) => t.slice(0, i % t.length) + c + t.slice((i % t.length) + 1));

describe('endpoint-agr REST times', () => {
  it('F2: parseIsoUtc gives the general reader\'s verdict and value for canonical-shaped times, valid or not', () => {
    fc.assert(fc.property(canonicalShaped, (t) => void expect(parseIsoUtc(t), t).to.equal(oracle(t))), { numRuns: 20_000 });
  });

  it('F2: … and for the same texts with any one character replaced, and for arbitrary strings', () => {
    fc.assert(fc.property(mutated, (t) => void expect(parseIsoUtc(t), t).to.equal(oracle(t))), { numRuns: 20_000 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (t) => void expect(parseIsoUtc(t), t).to.equal(oracle(t))), { numRuns: 5_000 });
  });

  it('F2: the edge cases are decided as before (leap days, years 0-99, end of day, other forms)', () => {
    const cases = ['2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T23:59:59.999Z', '2026-04-31T00:00:00Z', '0050-01-01T00:00:00Z', '0100-01-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00Z', '2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00+00:00', '2026-01-01 00:00:00Z'];
    for (const t of cases) expect(parseIsoUtc(t), t).to.equal(oracle(t));
    expect(parseIsoUtc('2024-02-29T00:00:00Z')).to.equal(Date.UTC(2024, 1, 29));
    expect(parseIsoUtc('2100-02-29T00:00:00Z')).to.equal(undefined);
    expect(parseIsoUtc(20240229)).to.equal(undefined);
  });

  it('F2: readIsoUtc keeps canonical input as it is and formats every other accepted form once', () => {
    fc.assert(
      fc.property(fc.oneof(canonicalShaped, mutated), (t) => {
        const r = readIsoUtc(t);
        const ms = oracle(t);
        if (ms === undefined) return void expect(r, t).to.equal(undefined);
        expect(r, t).to.deep.equal({ ms, iso: formatIsoUtc(ms) });
      }),
      { numRuns: 20_000 },
    );
    expect(readIsoUtc('2026-05-01T10:00:00.000Z')).to.deep.equal({ ms: Date.UTC(2026, 4, 1, 10), iso: '2026-05-01T10:00:00Z' });
  });
});
