// F5a/F6a/F9a, NF3: a DSO may only name assets on its own connection points. Unknown assets and
// assets on another DSO's grid get the same answer, so a DSO cannot probe another grid.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { DsoTargetInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const dsoOwnGridRule: Rule<DsoTargetInput, RegistrySupport> = {
  id: 'dso.assets-on-own-grid',
  order: 10,
  appliesTo: (input) => input.assetIds.length > 0,
  async validate(input, support) {
    for (const assetId of input.assetIds) {
      const asset = await support.findAsset(assetId);
      const owner = asset ? await support.findConnectionPointOwner(asset.connectionPoint) : undefined;
      if (owner !== input.sender) return reject('A64', `asset ${assetId} is not on your grid`);
    }
    return undefined;
  },
};
