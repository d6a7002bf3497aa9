// prorata-request (comparison): the limit in proportion to what each asset requests, i.e. its need
// min(capacity, planned). Never strands capacity and gives everyone the same satisfaction ratio,
// but rewards inflated plans (a larger request always buys a larger share), unlike waterfill.

import type { FairnessPolicy } from './policy.js';
import { allocateProportionalToCaps } from './proportional.js';

export const prorataRequestPolicy: FairnessPolicy = {
  name: 'prorata-request',
  summary: 'share in proportion to the request min(capacity, planned); cap = that request; weights ignored',
  fillsToCaps: true,
  capsOf: (columns) => columns.needW,
  weightsOf: (columns) => columns.needW,
  allocate: allocateProportionalToCaps,
};
