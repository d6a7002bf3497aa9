// The one interface every fairness policy implements (F6a: "fairly divided"; which fairness is a
// choice per DSO or per limit). Policies work on parallel typed arrays indexed by asset position,
// positions being the assets in canonical asset-ID order, because the splitter runs ~10^6
// asset-intervals per limit document.

import type { TraceRecorder } from './trace.js';

/** Per-asset numbers of one interval that policies may read, indexed by asset position. */
export interface AssetColumns {
  readonly count: number;
  readonly capacityW: Float64Array;
  /** min(capacityW, plannedW ?? capacityW): what the asset can and plans to use in this interval. */
  readonly needW: Float64Array;
  /** The asset's explicit weight, or capacityW when none was given. */
  readonly weight: Float64Array;
  /** All ones, for policies that ignore size. */
  readonly unit: Float64Array;
}

export interface AllocationProblem {
  readonly policy: string;
  readonly limitW: number;
  /** Asset positions to allocate to in this pass, ascending; grants of members are 0 on entry. */
  readonly members: Int32Array;
  /** The policy's caps and weights (from `capsOf`/`weightsOf`), by asset position. */
  readonly caps: Float64Array;
  readonly weights: Float64Array;
  /** Output by asset position: the policy writes the grant of each member it gives watts to. */
  readonly grants: Float64Array;
  /** Scratch by asset position, free for the policy to use. */
  readonly scratch: Float64Array;
}

export interface FairnessPolicy {
  readonly name: string;
  /** One line for docs and `--help`. */
  readonly summary: string;
  /**
   * True if the policy promises Σ grants = min(limit, Σ caps) (nothing stranded among its caps);
   * then this is asserted on every call, like Σ grants ≤ limit and 0 ≤ grant ≤ cap always are.
   */
  readonly fillsToCaps: boolean;
  /** The most each asset may be granted (integer watts); the invariant 0 ≤ grant ≤ cap uses it. */
  capsOf(columns: AssetColumns): Float64Array;
  /** Positive wherever the cap is positive. */
  weightsOf(columns: AssetColumns): Float64Array;
  /** Writes integer grants for the members; must be deterministic and use integer arithmetic. */
  allocate(problem: AllocationProblem, trace: TraceRecorder): void;
}
