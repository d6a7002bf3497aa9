// What one AGR/BRP may see of a decision (F6a/F7: deliver only what concerns its assets; NF3: no
// actor sees another's data). The full decision, including trace and metrics, names every affected
// asset and is for the DSO side and the audit trail only. The section limit is left out too: with
// it, an operator could work out what the others were granted.

import type { Direction, SeriesDecision } from './types.js';

export interface OperatorSlice {
  readonly operator: string;
  readonly policy: string;
  readonly direction: Direction;
  readonly assets: readonly { readonly assetId: string; readonly grantsW: readonly number[] }[];
  /** Σ of the operator's grants per interval. */
  readonly totalsW: readonly number[];
}

export function sliceForOperator(decision: SeriesDecision, operator: string): OperatorSlice {
  const assets: { assetId: string; grantsW: number[] }[] = [];
  decision.assetIds.forEach((assetId, i) => {
    if (decision.assetOperators[i] === operator) {
      assets.push({ assetId, grantsW: decision.intervals.map((interval) => interval.grantsW[i]!) });
    }
  });
  return {
    operator,
    policy: decision.policy,
    direction: decision.direction,
    assets,
    totalsW: decision.intervals.map((interval) => interval.operatorsW[operator] ?? 0),
  };
}
