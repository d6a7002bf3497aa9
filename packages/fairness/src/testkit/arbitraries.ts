// fast-check generators for split requests. Two scales: small numbers (many collisions, ties and
// exact shares) and large ones (products far above 2^53, sums close to it) for exactness.

import fc from 'fast-check';
import type { AssetInput } from '../types.js';

export interface AssetScale {
  readonly maxAssets: number;
  readonly maxCapacity: number;
  readonly maxWeight: number;
  readonly withFloors?: boolean;
}

export const SMALL: AssetScale = { maxAssets: 12, maxCapacity: 1_000, maxWeight: 50 };
/** Σ capacities and Σ weights stay below 2^53 with up to 8 assets. */
export const LARGE: AssetScale = { maxAssets: 8, maxCapacity: 2 ** 49, maxWeight: 2 ** 49 };
/** Enough assets to exercise bucketed remainder selection (≥ 64 candidates). */
export const MANY: AssetScale = { maxAssets: 300, maxCapacity: 20_000_000, maxWeight: 10_000_000 };

const idArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.integer({ min: 0, max: 999 }).map(String), // numeric-looking IDs order differently as object keys
);

function assetArb(scale: AssetScale): fc.Arbitrary<AssetInput> {
  const magnitude = fc.integer({ min: 0, max: scale.maxCapacity });
  return fc.record(
    {
      id: idArb,
      operator: fc.constantFrom('agr-a', 'agr-b', 'agr-c'),
      capacityW: magnitude,
      plannedW: magnitude,
      weight: fc.integer({ min: 1, max: scale.maxWeight }),
      floorW: scale.withFloors ? magnitude : fc.constant(0),
    },
    { requiredKeys: ['id', 'operator', 'capacityW'] },
  );
}

export function assetsArb(scale: AssetScale): fc.Arbitrary<AssetInput[]> {
  return fc.uniqueArray(assetArb(scale), { maxLength: scale.maxAssets, selector: (a) => a.id });
}

/** Assets plus a limit between 0 and 1.25 × Σ capacity, often exactly at interesting points. */
export function requestArb(scale: AssetScale): fc.Arbitrary<{ limitW: number; assets: AssetInput[] }> {
  return assetsArb(scale).chain((assets) => {
    const total = assets.reduce((s, a) => s + a.capacityW, 0);
    const upper = Math.min(Number.MAX_SAFE_INTEGER, Math.floor(total * 1.25) + 10);
    return fc
      .oneof(fc.integer({ min: 0, max: upper }), fc.constantFrom(0, 1, total, Math.max(total - 1, 0)))
      .map((limitW) => ({ limitW, assets }));
  });
}

export const POLICY_ARB = fc.constantFrom('waterfill', 'drem-prorata', 'equal', 'prorata-request');
