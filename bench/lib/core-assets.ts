// The core's registry rows of one synthetic DSO for the asset-list benchmarks (asset-list-pages,
// asset-list-growth): named as bench/asset-list-size.ts and bench/lib/grid.ts name them.
import { makeEic, makeGsrn } from '../../packages/iec62325/src/index.js';
import type { Asset } from '../../broker/src/domain/types.js';

export const BENCH_DSO = makeEic('10X', 'DSO-ONE');

/** `n` assets in registration order (index order); sort by assetId for a list. */
export function benchCoreAssets(n: number): Asset[] {
  const operator = makeEic('10X', 'AGR-ONE');
  return Array.from({ length: n }, (_, i) => {
    const assetId = makeEic('10W', `S${String(i).padStart(10, '0')}`);
    return { assetId, operator, connectionPoint: makeGsrn(`571${String(i % 100_000).padStart(14, '0')}`), name: `bench asset ${assetId}`, produces: true, consumes: true, maxProductionW: 100_000, maxConsumptionW: 100_000, updatedAt: '2026-03-01T08:00:00Z' };
  });
}
