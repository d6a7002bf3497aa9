// F8a, NF3: an AGR/BRP submits schedules only for assets it operates; unknown and foreign assets
// get the same answer.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ScheduleInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const scheduleOwnAssetsRule: Rule<ScheduleInput, RegistrySupport> = {
  id: 'schedule.own-assets',
  order: 10,
  appliesTo: () => true,
  async validate(input, support) {
    const seen = new Set<string>();
    for (const series of input.doc.series) {
      if (seen.has(series.mRID)) return reject('A55', `series ${series.mRID} appears more than once`);
      seen.add(series.mRID);
      const asset = await support.findAsset(series.assetId);
      if (!asset || asset.operator !== input.sender) return reject('A64', `asset ${series.assetId} is not registered to you`);
    }
    return undefined;
  },
};
