// NF3: a party that owns connection points acts as a DSO; letting it also operate assets would
// blur which side of the privacy wall it is on, so one party keeps one role in the registry.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { AssetRegistrationInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const assetPartySingleRoleRule: Rule<AssetRegistrationInput, RegistrySupport> = {
  id: 'asset.party-single-role',
  order: 30,
  appliesTo: (input) => input.doc.assets.some((e) => e.action !== 'remove'),
  async validate(input, support) {
    if (await support.ownsConnectionPoints(input.sender)) {
      return reject('A78', 'a party that owns connection points (DSO) cannot operate assets');
    }
    return undefined;
  },
};
