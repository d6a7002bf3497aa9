// Registry look-ups for one document, shared by the handlers whose rules and routing ask for the
// same assets and connection points (issue 14: one query for the assets, one for their owners,
// instead of one or two per asset).
import type { RegistrySupport } from '../domain/support.js';
import type { Asset } from '../domain/types.js';
import type { RegistryRepository } from '../storage/registry.repository.js';
import { MAX_BOUND_PARAMETERS } from '../../../packages/storage/src/index.js';

/**
 * Registry look-ups for one document, inside its transaction: the document's assets in one query,
 * their connection points' owners in one more (instead of one query per connection point). Within
 * one transaction the answers cannot change.
 */
export async function documentLookups(registry: RegistryRepository, assetIds: readonly string[]): Promise<RegistrySupport> {
  const assets = new Map<string, Asset | undefined>(assetIds.map((id) => [id, undefined]));
  const ids = [...assets.keys()];
  for (let i = 0; i < ids.length; i += MAX_BOUND_PARAMETERS) {
    for (const a of await registry.findAssets(ids.slice(i, i + MAX_BOUND_PARAMETERS))) assets.set(a.assetId, a);
  }
  const owners = new Map<string, Promise<string | undefined>>();
  const points = [...new Set([...assets.values()].flatMap((a) => (a ? [a.connectionPoint] : [])))];
  for (let i = 0; i < points.length; i += MAX_BOUND_PARAMETERS) {
    const chunk = points.slice(i, i + MAX_BOUND_PARAMETERS);
    const found = await registry.findConnectionPointOwners(chunk);
    for (const cp of chunk) owners.set(cp, Promise.resolve(found.get(cp)));
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
