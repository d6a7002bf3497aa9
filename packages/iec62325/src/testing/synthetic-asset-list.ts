// A complete asset list of n synthetic assets, named as bench/lib/grid.ts names them: what the
// list-size benchmark measures and the DSO endpoint's size test parses (issue 14, benchmark 5).
import { buildAssetList, makeEic, makeGsrn, MARKET_ROLE } from '../index.js';

export function syntheticAssetList(n: number): string {
  return buildAssetList({
    mRID: 'AL-size-1',
    revisionNumber: 1,
    createdDateTime: '2026-03-01T08:00:00Z',
    sender: { mRID: makeEic('10X', 'TPS-CORE'), role: MARKET_ROLE.platform },
    receiver: { mRID: makeEic('10X', 'DSO-ONE'), role: MARKET_ROLE.dso },
    unit: 'KWT',
    assets: Array.from({ length: n }, (_, i) => {
      const assetId = makeEic('10W', `S${String(i).padStart(10, '0')}`);
      return { assetId, name: `bench asset ${assetId}`, connectionPoint: makeGsrn(`571${String(i % 100_000).padStart(14, '0')}`), produces: true, consumes: true, maxProductionW: 100_000, maxConsumptionW: 100_000 };
    }),
  });
}
