// Checks on a custom policy's caps and weights before use (built-in policies derive them from
// validated input). The per-grant invariants are asserted in review.ts, on every call.

import type { FairnessPolicy } from './policy.js';
import { FairnessInvariantError } from './errors.js';

export function assertPolicyColumns(policy: FairnessPolicy, caps: Float64Array, weights: Float64Array, count: number): void {
  if (caps.length !== count || weights.length !== count) {
    throw new FairnessInvariantError(policy.name, `caps/weights must have one entry per asset (${count})`);
  }
  let capsW = 0;
  let weightSum = 0;
  for (let i = 0; i < count; i++) {
    const c = caps[i]!;
    const w = weights[i]!;
    if (!Number.isSafeInteger(c) || c < 0 || !Number.isSafeInteger(w) || w < 0 || (c > 0 && w === 0)) {
      throw new FairnessInvariantError(policy.name, `cap ${c} / weight ${w} at position ${i} must be safe integers, weight > 0 where cap > 0`);
    }
    capsW += c;
    weightSum += w;
  }
  if (!Number.isSafeInteger(capsW) || !Number.isSafeInteger(weightSum)) {
    throw new FairnessInvariantError(policy.name, 'Σ caps and Σ weights must stay below 2^53');
  }
}
