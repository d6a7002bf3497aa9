// One asset once per document: entries are applied as a whole, so two entries for the same
// asset would make the outcome depend on their order.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { AssetRegistrationInput } from '../inputs.js';

export const assetUniqueEntriesRule: Rule<AssetRegistrationInput, unknown> = {
  id: 'asset.unique-entries',
  order: 10,
  appliesTo: (input) => input.doc.assets.length > 1,
  async validate(input) {
    const seen = new Set<string>();
    for (const entry of input.doc.assets) {
      if (seen.has(entry.assetId)) return reject('A55', `asset ${entry.assetId} appears more than once in the document`);
      seen.add(entry.assetId);
    }
    return undefined;
  },
};
