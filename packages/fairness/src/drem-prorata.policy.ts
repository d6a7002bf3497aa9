// drem-prorata: the DREM proof-of-concept rule (F6a) — each asset gets the limit in proportion to
// the capacity it has in the affected section, so each AGR/BRP gets the percentage of the total
// it operates there. Plans and weights are ignored: an asset that needs less than its share keeps
// it unused (stranded capacity), which is why waterfill is the default.
// Shares are computed per asset (operator totals equal the operator-level rule up to rounding).

import type { FairnessPolicy } from './policy.js';
import { allocateProportionalToCaps } from './proportional.js';

export const dremProrataPolicy: FairnessPolicy = {
  name: 'drem-prorata',
  summary: 'DREM proof-of-concept rule: share by capacity operated in the section; cap = capacity; plans and weights ignored',
  fillsToCaps: true,
  capsOf: (columns) => columns.capacityW,
  weightsOf: (columns) => columns.capacityW,
  allocate: allocateProportionalToCaps,
};
