// NF3 privacy matrix at the REST facades (issue 13): for every ordered pair of the five demo
// parties (3 AGR/BRPs, 2 DSOs), with real tokens on the running platform, X can read nothing of Y
// and change nothing of Y; and no JSON body X ever receives names what X must not see (other
// parties' EICs, assets, connection points, limit and schedule IDs). The broker's own matrix
// (broker/test/privacy-matrix.component.test.ts) covers the documents; this one the REST facades.
import { expect } from 'chai';
import { AGRS, ASSETS, CP_OF, DSOS, PARTIES, call, hostilePlatform, kindOf, restListings, settle, type HostilePlatform } from './support/platform.js';
import { record, recordGroup, recordGroupState } from './support/summary.js';

const GROUP = 'privacy-matrix';

/** Strings that must never appear in anything `x` receives. */
function forbiddenFor(p: HostilePlatform, x: string): string[] {
  const out: string[] = [];
  for (const party of PARTIES) if (party !== x) out.push(party);
  if (kindOf(x) === 'agr') {
    const own = ASSETS.filter((a) => a.operator === x);
    out.push(...ASSETS.filter((a) => a.operator !== x).map((a) => a.assetId));
    const ownCps = new Set(own.map((a) => a.connectionPointId));
    out.push(...Object.values(CP_OF).flat().filter((cp) => !ownCps.has(cp)));
    out.push(...Object.values(p.seeded.limitId)); // the DSOs' own limit IDs are replaced by opaque ones
    out.push(...AGRS.filter((a) => a !== x).map((a) => p.seeded.scheduleId[a]!));
  } else {
    out.push(...ASSETS.filter((a) => a.dso !== x).map((a) => a.assetId));
    out.push(...(CP_OF[DSOS.find((d) => d !== x)!] ?? []));
    out.push(...DSOS.filter((d) => d !== x).map((d) => p.seeded.limitId[d]!));
    out.push(...AGRS.map((a) => p.seeded.scheduleId[a]!)); // AGR schedule IDs would name the sender
  }
  return out;
}

describe('NF3 privacy matrix at the REST facades: every pair of parties, real tokens, running platform', function () {
  this.timeout(60_000);
  recordGroup(GROUP, 'REST privacy matrix: cross-party reads and writes');
  let p: HostilePlatform;
  let baseline: Record<string, unknown>;
  const seen = new Map<string, string[]>(); // party → every body it received

  before(async function () {
    this.timeout(180_000);
    p = await hostilePlatform();
    await settle(p);
    baseline = await restListings(p);
  });

  /** Calls as X and keeps the answer for the scan — minus echoes of what X itself sent (its own words). */
  const as = (x: string, method: string, path: string, body?: unknown) => {
    return call(p.urlOf(x), method, path, { token: p.tokens[x]!, ...(body === undefined ? {} : { body }) }).then((r) => {
      const sent = path + JSON.stringify(body ?? '');
      const echoed = forbiddenFor(p, x).filter((f) => sent.includes(f));
      const text = echoed.reduce((t, f) => t.split(f).join('<echo>'), r.text);
      seen.set(x, [...(seen.get(x) ?? []), text]);
      return r;
    });
  };

  /** What X does with Y's identifiers, and the status each must get. */
  function attempts(x: string, y: string): Array<[string, string, unknown, number]> {
    const yAssets = ASSETS.filter((a) => (kindOf(y) === 'agr' ? a.operator === y : a.dso === y));
    const foreignToX = yAssets.filter((a) => (kindOf(x) === 'agr' ? a.operator !== x : a.dso !== x));
    if (kindOf(x) === 'agr' && kindOf(y) === 'agr') {
      const s = p.seeded.scheduleId[y]!;
      return [
        ...foreignToX.flatMap((a): Array<[string, string, unknown, number]> => [
          ['GET', `/assets/${a.assetId}`, undefined, 404],
          ['DELETE', `/assets/${a.assetId}`, undefined, 404],
          ['PUT', '/assets', { assets: [{ assetId: a.assetId, connectionPointId: a.connectionPointId, produces: true, consumes: false, maxProductionW: 1, maxConsumptionW: 0, name: 'mine now' }] }, 404],
          ['POST', '/schedules', { assets: [{ assetId: a.assetId, resolution: 'PT60M', intervals: [{ start: p.day.start, end: p.day.end, powerW: 1 }] }] }, 400],
        ]),
        ['GET', `/schedules/${s}`, undefined, 404],
        ['PUT', `/schedules/${s}`, { assets: [{ assetId: ASSETS.find((a) => a.operator === x)!.assetId, resolution: 'PT60M', intervals: [{ start: p.day.start, end: p.day.end, powerW: 1 }] }] }, 404],
        ['DELETE', `/schedules/${s}`, undefined, 404],
        ['GET', `/messages/${p.seeded.messageId[y]}`, undefined, 404],
      ];
    }
    if (kindOf(x) === 'dso' && kindOf(y) === 'dso') {
      const limit = p.seeded.limitId[y]!;
      const period = { start: p.day.start, end: p.day.end };
      return [
        ...CP_OF[y]!.flatMap((cp): Array<[string, string, unknown, number]> => [
          ['GET', `/connection-points/${cp}`, undefined, 404],
          ['DELETE', `/connection-points/${cp}`, undefined, 404],
          ['POST', '/connection-points', { connectionPointIds: [cp] }, 409],
        ]),
        ...foreignToX.flatMap((a): Array<[string, string, unknown, number]> => [
          ['GET', `/schedules?assetIds=${a.assetId}`, undefined, 400],
          ['POST', '/capacity-limits/foreseen', { period, series: [{ direction: 'production', assetIds: [a.assetId], resolution: 'PT60M', availableCapacityW: [1, 1, 1, 1] }] }, 400],
          ['POST', '/capacity-limits/unforeseen', { expectedEnd: p.day.end, signals: [{ direction: 'consumption', action: 'stop', assetIds: [a.assetId] }] }, 400],
          ['POST', '/schedules/refresh', { assetIds: [a.assetId] }, 400],
        ]),
        ['GET', `/capacity-limits/${limit}`, undefined, 404],
        ['GET', `/capacity-limits/${limit}/split`, undefined, 404],
        ['PUT', `/capacity-limits/foreseen/${limit}`, { revision: 2, period, series: [{ direction: 'production', assetIds: [ASSETS.find((a) => a.dso === x)!.assetId], resolution: 'PT60M', availableCapacityW: [1, 1, 1, 1] }] }, 404],
        ['DELETE', `/capacity-limits/foreseen/${limit}`, undefined, 404],
        ['GET', `/messages/${p.seeded.messageId[y]}`, undefined, 404],
      ];
    }
    // Different kinds: X's token means nothing on Y's endpoint (separate token stores).
    const url = kindOf(y) === 'agr' ? p.urls.agr : p.urls.dso;
    return [['CROSS', url, undefined, 401]];
  }

  for (const x of ['11XAGR-ALPHA---O', '11XAGR-BRAVO---T', '11XAGR-CHARLIE-I', '11XDSO-NORTH---J', '11XDSO-SOUTH---R']) {
    for (const y of ['11XAGR-ALPHA---O', '11XAGR-BRAVO---T', '11XAGR-CHARLIE-I', '11XDSO-NORTH---J', '11XDSO-SOUTH---R']) {
      if (x === y) continue;
      it(`NF3: ${x} can neither read nor change anything of ${y}`, async () => {
        const outcome = { case: `${x}→${y}`, clearError: true, crashed: false, stateChanged: false, detail: '' };
        try {
          for (const [method, path, body, status] of attempts(x, y)) {
            if (method === 'CROSS') {
              for (const route of kindOf(y) === 'agr' ? ['/assets', '/schedules', '/limits/active'] : ['/assets', '/connection-points', '/capacity-limits', '/schedules']) {
                const r = await call(path, 'GET', route, { token: p.tokens[x]! });
                seen.set(x, [...(seen.get(x) ?? []), r.text]);
                expect(r.status, `${x} GET ${route} on ${y}'s endpoint`).to.equal(status);
              }
              continue;
            }
            const r = await as(x, method, path, body);
            if (r.status !== status) outcome.detail = `${method} ${path} → ${r.status}`;
            expect(r.status, `${method} ${path}: ${r.text.slice(0, 200)}`).to.equal(status);
            expect(r.contentType).to.match(/^application\/problem\+json/);
          }
        } catch (err) {
          outcome.clearError = false;
          throw err;
        } finally {
          record(GROUP, outcome);
        }
      });
    }
  }

  for (const x of ['11XAGR-ALPHA---O', '11XAGR-BRAVO---T', '11XAGR-CHARLIE-I', '11XDSO-NORTH---J', '11XDSO-SOUTH---R']) {
    it(`NF3: no JSON body ${x} receives on any read route names another party, a foreign asset, point, limit or schedule`, async function () {
      this.timeout(30_000);
      const own = ASSETS.filter((a) => a.operator === x || a.dso === x);
      const routes =
        kindOf(x) === 'agr'
          ? ['/assets', `/assets/${own[0]!.assetId}`, '/schedules', `/schedules/${p.seeded.scheduleId[x]}`, '/limits/active', `/limits?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`, '/limits/wait?timeout=1&client=privacy', `/messages/${p.seeded.messageId[x]}`]
          : ['/connection-points', `/connection-points/${CP_OF[x]![0]}`, '/assets', '/assets/changes?timeout=1&client=privacy', '/capacity-limits', `/capacity-limits/${p.seeded.limitId[x]}`, `/capacity-limits/${p.seeded.limitId[x]}/split`, '/schedules', '/schedules/new?timeout=1&client=privacy', `/messages/${p.seeded.messageId[x]}`];
      for (const route of routes) {
        const r = await as(x, 'GET', route);
        expect(r.status, `${route}: ${r.text.slice(0, 200)}`).to.equal(200);
      }
      const bodies = seen.get(x)!;
      // The scan must have something to scan: X's own data is there.
      expect(bodies.join('\n')).to.include(own[0]!.assetId);
      const leaks = forbiddenFor(p, x).filter((s) => bodies.some((b) => b.includes(s)));
      record(GROUP, { case: `scan ${x}`, clearError: leaks.length === 0, crashed: false, stateChanged: false, detail: leaks.join(',') });
      expect(leaks, `${x} received what it must not see`).to.deep.equal([]);
    });
  }

  it('NF3: the scanner flags a leak (negative control): a DSO body naming an operator would fail', () => {
    const x = DSOS[0]!;
    const fake = JSON.stringify({ assets: [{ assetId: ASSETS[0]!.assetId, operator: AGRS[0] }] });
    expect(forbiddenFor(p, x).filter((s) => fake.includes(s))).to.include(AGRS[0]);
  });

  it('NF3: after the whole matrix nothing any party can list has changed', async () => {
    await new Promise((r) => setTimeout(r, 1_500));
    const after = await restListings(p);
    recordGroupState(GROUP, JSON.stringify(after) !== JSON.stringify(baseline));
    expect(after).to.deep.equal(baseline);
  });
});
