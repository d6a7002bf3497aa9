import { expect } from 'chai';
import fc from 'fast-check';
import { split, splitSeries } from './split.js';
import { sliceForOperator } from './operator-slice.js';
import { plannedForDirection, plannedSeriesForDirection } from './direction.js';
import { SECTION } from './testkit/examples.js';
import { MANY, POLICY_ARB, SMALL, requestArb } from './testkit/arbitraries.js';
import { refMetrics } from './testkit/reference.js';
import type { SeriesAssetInput } from './types.js';

const seriesArb = fc
  .tuple(requestArb({ ...SMALL, withFloors: true }), fc.integer({ min: 1, max: 5 }))
  .chain(([{ assets }, intervals]) =>
    fc.record({
      limitsW: fc.array(fc.integer({ min: 0, max: 15_000 }), { minLength: intervals, maxLength: intervals }),
      plans: fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 1_200 }), { minLength: intervals, maxLength: intervals }), { nil: undefined }), {
        minLength: assets.length,
        maxLength: assets.length,
      }),
      assets: fc.constant(assets),
    }),
  )
  .map(({ limitsW, plans, assets }) => ({
    limitsW,
    assets: assets.map((a, k): SeriesAssetInput => ({ ...a, ...(plans[k] === undefined ? {} : { plannedW: plans[k] }) })),
  }));

describe('fairness split API', () => {
  it('F6a: the same input always gives byte-identical output, whatever order the assets are listed in', () => {
    fc.assert(
      fc.property(
        POLICY_ARB,
        requestArb(SMALL).chain((r) => fc.tuple(fc.constant(r), fc.shuffledSubarray(r.assets, { minLength: r.assets.length }))),
        (policy, [{ limitW, assets }, shuffled]) => {
        const once = JSON.stringify(split({ policy, limitW, assets }));
        expect(JSON.stringify(split({ policy, limitW, assets }))).to.equal(once);
        expect(JSON.stringify(split({ policy, limitW, assets: shuffled }))).to.equal(once);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('F6a: metrics follow their definitions (Jain of satisfaction, stranded = limit − usable)', () => {
    fc.assert(
      fc.property(POLICY_ARB, requestArb(SMALL), (policy, { limitW, assets }) => {
        const d = split({ policy, limitW, assets });
        const want = refMetrics(limitW, assets, d.grants);
        expect(d.metrics).to.include({ ...want, jainIndex: d.metrics.jainIndex });
        expect(d.metrics.jainIndex).to.be.closeTo(want.jainIndex, 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('F6a: worked example — metrics of waterfill at 90 W', () => {
    // Grants A 10, B 53, C 27 for needs 10, 60, 30: satisfaction 1, 53/60, 27/30 = 0.9.
    // Jain = (1 + 53/60 + 0.9)² / (3 · (1 + (53/60)² + 0.81)).
    const x = [1, 53 / 60, 0.9];
    const jain = (x[0]! + x[1]! + x[2]!) ** 2 / (3 * (x[0]! ** 2 + x[1]! ** 2 + x[2]! ** 2));
    const { metrics } = split({ limitW: 90, assets: SECTION });
    expect(metrics).to.include({ grantedW: 90, demandW: 100, usableW: 90, strandedW: 0, minSatisfaction: 53 / 60, maxSatisfaction: 1 });
    expect(metrics.jainIndex).to.be.closeTo(jain, 1e-15);
  });

  it('F6a: a multi-interval limit is split interval by interval, the summaries add up', () => {
    fc.assert(
      fc.property(POLICY_ARB, seriesArb, (policy, { limitsW, assets }) => {
        const series = splitSeries({ policy, limitsW, assets });
        series.intervals.forEach((interval, k) => {
          const single = split({
            policy,
            limitW: limitsW[k]!,
            assets: assets.map((a) => {
              const { plannedW, ...rest } = a;
              return plannedW === undefined ? rest : { ...rest, plannedW: typeof plannedW === 'number' ? plannedW : plannedW[k]! };
            }),
          });
          expect(Object.fromEntries(series.assetIds.map((id, i) => [id, interval.grantsW[i]]))).to.deep.equal(single.grants);
          expect(interval.operatorsW).to.deep.equal(single.operators);
          expect(interval.metrics).to.deep.equal(single.metrics);
          expect(interval.trace).to.deep.equal(single.trace);
        });
        series.assetIds.forEach((id, i) => {
          const grants = series.intervals.map((interval) => interval.grantsW[i]!);
          const { minW, maxW, totalW } = series.summary.assets;
          expect([minW[i], maxW[i], totalW[i]]).to.deep.equal([Math.min(...grants), Math.max(...grants), grants.reduce((s, g) => s + g, 0)]);
        });
        for (const [operator, summary] of Object.entries(series.summary.operators)) {
          expect(summary.grantsW).to.deep.equal(series.intervals.map((interval) => interval.operatorsW[operator]));
        }
        expect(series.summary.metrics.strandedW.total).to.equal(series.intervals.reduce((s, i) => s + i.metrics.strandedW, 0));
      }),
      { numRuns: 150 },
    );
  });

  it('F6a/NF3: an operator slice holds only that operator’s assets and totals', () => {
    const series = splitSeries({ limitsW: [90, 70], assets: SECTION });
    expect(sliceForOperator(series, 'AGR-1')).to.deep.equal({
      operator: 'AGR-1',
      policy: 'waterfill',
      direction: 'production',
      assets: [
        { assetId: 'A', grantsW: [10, 10] },
        { assetId: 'C', grantsW: [27, 20] },
      ],
      totalsW: [37, 30],
    });
    expect(JSON.stringify(sliceForOperator(series, 'AGR-2'))).not.to.match(/"A"|"C"|AGR-1/);
  });

  it('F6a: signed schedules give the planned watts of one direction', () => {
    expect([plannedForDirection(500, 'production'), plannedForDirection(500, 'consumption')]).to.deep.equal([500, 0]);
    expect(plannedSeriesForDirection([-300, 0, 200], 'consumption')).to.deep.equal([300, 0, 0]);
  });

  it('F6a: the trace stays bounded for large inputs (≤ 65 entries, ≤ 16 IDs each, counts complete)', () => {
    fc.assert(
      fc.property(requestArb(MANY), ({ limitW, assets }) => {
        const { trace } = split({ limitW, assets });
        expect(trace.length).to.be.at.most(65);
        for (const entry of trace) {
          if ('ids' in entry) expect(entry.ids.length).to.be.at.most(16);
          if (entry.step === 'remainder') expect(entry.ids.length + entry.moreIds).to.equal(entry.watts);
        }
      }),
      { numRuns: 30 },
    );
  });
});
