// F4a: update and remove only your own registered assets. Unknown and foreign assets get the
// same answer, so the reason does not reveal whether someone else operates the asset.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { AssetRegistrationInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const assetOwnForChangeRule: Rule<AssetRegistrationInput, RegistrySupport> = {
  id: 'asset.own-for-change',
  order: 50,
  appliesTo: (input) => input.doc.assets.some((e) => e.action !== 'register'),
  async validate(input, support) {
    for (const entry of input.doc.assets) {
      if (entry.action === 'register') continue;
      const existing = await support.findAsset(entry.assetId);
      if (!existing || existing.operator !== input.sender) {
        return reject('A64', `asset ${entry.assetId} is not registered to you; ${entry.action} refused`);
      }
    }
    return undefined;
  },
};
