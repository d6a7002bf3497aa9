// Registry look-ups for one document, shared by the handlers whose rules and routing ask for the
// same assets and connection points (issue 14: one query for the assets and their owners,
// instead of one or two per asset).
import type { RegistrySupport } from '../domain/support.js';
import type { Asset } from '../domain/types.js';
import type { RegistryRepository } from '../storage/registry.repository.js';
import { MAX_BOUND_PARAMETERS } from '../../../packages/storage/src/index.js';

/**
 * Registry look-ups for one document, inside its transaction: the document's assets and their
 * connection points' owners in one query (instead of one query per asset and per connection
 * point). Within one transaction the answers cannot change.
 */
export async function documentLookups(registry: RegistryRepository, assetIds: readonly string[]): Promise<RegistrySupport> {
  const assets = new Map<string, Asset | undefined>(assetIds.map((id) => [id, undefined]));
  const owners = new Map<string, Promise<string | undefined>>();
  const ids = [...assets.keys()];
  for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMETERS) {
    for (const { asset, owner } of await registry.findAssetsWithOwners(ids.slice(i, i + MAX_BOUND_PARAMETERS))) {
      assets.set(asset.assetId, asset);
      owners.set(asset.connectionPoint, Promise.resolve(owner));
    }
  }
  return {
    findAsset: async (id) => (assets.has(id) ? assets.get(id) : registry.findAsset(id)),
    findConnectionPointOwner: (cp) => {
      let owner = owners.get(cp);
      if (!owner) owners.set(cp, (owner = registry.findConnectionPointOwner(cp)));
      return owner;
    },
    operatesAssets: (party) => registry.operatesAssets(party),
    ownsConnectionPoints: (party) => registry.ownsConnectionPoints(party),
  };
}
