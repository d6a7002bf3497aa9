// F4a: an asset already operated by another AGR/BRP is a conflict. The reason says so but never
// who the other operator is (NF3).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { AssetRegistrationInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const assetNotClaimedRule: Rule<AssetRegistrationInput, RegistrySupport> = {
  id: 'asset.not-claimed-by-other',
  order: 40,
  appliesTo: (input) => input.doc.assets.some((e) => e.action === 'register'),
  async validate(input, support) {
    for (const entry of input.doc.assets) {
      if (entry.action !== 'register') continue;
      const existing = await support.findAsset(entry.assetId);
      if (existing && existing.operator !== input.sender) {
        return reject('A59', `asset ${entry.assetId} is registered by another operator; it must be released first`);
      }
    }
    return undefined;
  },
};
