// F6a: an asset named twice in one series would be counted twice by the splitter.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { LimitInput } from '../inputs.js';

export const limitUniqueAssetsRule: Rule<LimitInput, unknown> = {
  id: 'limit.unique-assets',
  order: 20,
  appliesTo: (input) => input.doc.limitType !== 'grant',
  async validate(input) {
    for (const series of input.doc.series) {
      if (!('assetIds' in series)) continue;
      if (series.assetIds.length === 0) return reject('A69', `series ${series.mRID} names no asset`);
      if (new Set(series.assetIds).size !== series.assetIds.length) {
        return reject('A55', `series ${series.mRID} names an asset more than once`);
      }
    }
    return undefined;
  },
};
