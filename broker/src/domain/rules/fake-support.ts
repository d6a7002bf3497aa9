// In-memory RegistrySupport for rule tests: rules are testable without a database (STYLE.md).
import type { RegistrySupport } from '../support.js';
import type { Asset } from '../types.js';

export function fakeSupport(assets: Array<Pick<Asset, 'assetId' | 'operator' | 'connectionPoint'>>, points: Record<string, string>): RegistrySupport {
  const full = (a: (typeof assets)[number]): Asset => ({ ...a, produces: true, consumes: true, maxProductionW: 1, maxConsumptionW: 1, updatedAt: '2026-01-01T00:00:00Z' });
  return {
    findAsset: async (id) => {
      const a = assets.find((x) => x.assetId === id);
      return a ? full(a) : undefined;
    },
    findConnectionPointOwner: async (cp) => points[cp],
    operatesAssets: async (party) => assets.some((a) => a.operator === party),
    ownsConnectionPoints: async (party) => Object.values(points).includes(party),
  };
}
