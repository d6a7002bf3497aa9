// F4a: an AGR/BRP registers and changes only its own assets — the operator named in an entry
// must be the sending party (a change of operator is release + registration by the new one).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { AssetRegistrationInput } from '../inputs.js';

export const assetOperatorIsSenderRule: Rule<AssetRegistrationInput, unknown> = {
  id: 'asset.operator-is-sender',
  order: 20,
  appliesTo: (input) => input.doc.assets.some((e) => e.action !== 'remove'),
  async validate(input) {
    for (const entry of input.doc.assets) {
      if (entry.action !== 'remove' && entry.operator !== input.sender) {
        return reject('A78', `asset ${entry.assetId}: operator ${entry.operator} is not the sending party`);
      }
    }
    return undefined;
  },
};
