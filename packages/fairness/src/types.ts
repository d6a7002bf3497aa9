// Public data shapes of the fairness splitter (F6a). Plain JSON-serialisable values only, so a
// decision can be stored verbatim next to the limit it split and shown to whoever asks "why".

import type { FairnessPolicy } from './policy.js';

/** Import and export are split separately: a limit always concerns one direction. */
export type Direction = 'production' | 'consumption';

/** One affected asset for a single interval (what `split` and the CLI take). */
export interface AssetInput {
  readonly id: string;
  /** The AGR/BRP operating the asset; grants are also summed per operator. */
  readonly operator: string;
  /** Maximum power the asset can deliver in this direction, integer watts. */
  readonly capacityW: number;
  /** What the submitted schedule plans in this direction (≥ 0, integer watts); absent = no plan. */
  readonly plannedW?: number;
  /** Positive integer; default = capacityW. Only policies that say so read it (see docs/fairness.md). */
  readonly weight?: number;
  /** Minimum grant honoured first (capped at the policy's cap); see docs/fairness.md "Floors". */
  readonly floorW?: number;
}

/** One affected asset for a limit with several intervals. */
export interface SeriesAssetInput {
  readonly id: string;
  readonly operator: string;
  readonly capacityW: number;
  /** A constant plan, or one value per interval (same length as `limitsW`); absent = no plan. */
  readonly plannedW?: number | readonly number[];
  readonly weight?: number;
  readonly floorW?: number;
}

export interface SplitRequest {
  readonly limitW: number;
  /** Default 'production'. A label here: the caller passes capacities/plans of that direction. */
  readonly direction?: Direction;
  /** A policy name or a custom policy object; default 'waterfill'. */
  readonly policy?: string | FairnessPolicy;
  readonly assets: readonly AssetInput[];
}

export interface SeriesRequest {
  /** One limit per interval, integer watts; intervals are split one by one. */
  readonly limitsW: readonly number[];
  readonly direction?: Direction;
  readonly policy?: string | FairnessPolicy;
  readonly assets: readonly SeriesAssetInput[];
}

/** Fairness metrics of one interval. Floats are fine here: they explain, they do not allocate. */
export interface SplitMetrics {
  readonly assets: number;
  readonly limitW: number;
  /** Σ grants. */
  readonly grantedW: number;
  /** Σ need, need = min(capacityW, plannedW ?? capacityW): what assets can and plan to use. */
  readonly demandW: number;
  /** Σ min(grant, need): what can actually be used of the grants. */
  readonly usableW: number;
  /** limit − usable (the definition; includes slack nobody needs). */
  readonly strandedW: number;
  /** min(limit, demand) − usable: capacity someone needed but another asset holds unused. */
  readonly avoidableStrandedW: number;
  /** Jain's index of satisfaction min(grant, need)/need over assets with need > 0; 1 when none. */
  readonly jainIndex: number;
  readonly minSatisfaction: number;
  readonly maxSatisfaction: number;
}

/** First few asset IDs (in asset-ID order) plus how many more were not listed: bounds the trace. */
export interface IdSample {
  readonly ids: readonly string[];
  readonly moreIds: number;
}

/**
 * The trace of one interval. Bounded: at most MAX_TRACE_ENTRIES entries (the middle is replaced by
 * one 'omitted' entry) and at most MAX_TRACE_IDS IDs per entry; counts are always complete.
 */
export type TraceEntry =
  | {
      readonly step: 'start';
      readonly policy: string;
      readonly limitW: number;
      readonly assets: number;
      /** Σ of the policy's caps. */
      readonly capsW: number;
      /** Σ effective floors, min(floorW, cap). */
      readonly floorsW: number;
    }
  | { readonly step: 'floors-scaled'; readonly floorsW: number; readonly limitW: number }
  | ({ readonly step: 'floors-pinned'; readonly pass: number; readonly count: number; readonly pinnedW: number } & IdSample)
  | { readonly step: 'all-capped'; readonly count: number; readonly grantedW: number }
  | ({
      readonly step: 'round';
      readonly round: number;
      /** Water level = remainingW / activeWeight watts per unit of weight, before this round. */
      readonly remainingW: number;
      readonly activeWeight: number;
      readonly level: number;
      readonly active: number;
      /** Assets whose cap is at or below the level: they get their cap and leave. */
      readonly capped: number;
      readonly cappedW: number;
    } & IdSample)
  | ({
      readonly step: 'capped';
      /** Share per unit of weight; capped assets keep only their cap, the rest is not redistributed. */
      readonly level: number;
      readonly count: number;
      readonly cappedW: number;
    } & IdSample)
  | {
      readonly step: 'share';
      /** remainingW is divided by weight/activeWeight among `count` assets, rounded down. */
      readonly remainingW: number;
      readonly activeWeight: number;
      readonly level: number;
      readonly count: number;
      readonly roundedDownW: number;
      /** Watts left after rounding down, handed out one each by the largest-remainder method. */
      readonly remainderW: number;
    }
  | ({ readonly step: 'remainder'; readonly watts: number } & IdSample)
  | { readonly step: 'omitted'; readonly entries: number };

/** Result of splitting one interval, keyed by asset ID / operator (CLI output shape). */
export interface SplitDecision {
  readonly policy: string;
  readonly direction: Direction;
  readonly limitW: number;
  readonly grants: Readonly<Record<string, number>>;
  readonly operators: Readonly<Record<string, number>>;
  readonly metrics: SplitMetrics;
  readonly trace: readonly TraceEntry[];
}

/** One interval of a series; `grantsW` is aligned with `SeriesDecision.assetIds`. */
export interface IntervalDecision {
  readonly index: number;
  readonly limitW: number;
  readonly grantsW: readonly number[];
  readonly operatorsW: Readonly<Record<string, number>>;
  readonly metrics: SplitMetrics;
  readonly trace: readonly TraceEntry[];
}

/**
 * Per asset over all intervals, each array aligned with `SeriesDecision.assetIds` (arrays, not a
 * record keyed by ID: a 10^4-key object cost more to build than the rest of the summary). Sums
 * over intervals are in watt-intervals: multiply by the interval length for energy.
 */
export interface AssetSummary {
  readonly minW: readonly number[];
  readonly maxW: readonly number[];
  readonly totalW: readonly number[];
}

export interface OperatorSummary {
  /** Σ grants of the operator's assets, per interval. */
  readonly grantsW: readonly number[];
  readonly minW: number;
  readonly maxW: number;
  readonly totalW: number;
}

export interface SeriesMetricsSummary {
  readonly intervals: number;
  readonly strandedW: { readonly total: number; readonly max: number };
  readonly avoidableStrandedW: { readonly total: number; readonly max: number };
  readonly jainIndex: { readonly min: number; readonly mean: number };
  readonly minSatisfaction: number;
}

export interface SeriesDecision {
  readonly policy: string;
  readonly direction: Direction;
  /** Asset IDs in canonical order (UTF-16 code-unit order); every per-asset array follows it. */
  readonly assetIds: readonly string[];
  readonly assetOperators: readonly string[];
  readonly intervals: readonly IntervalDecision[];
  readonly summary: {
    readonly assets: AssetSummary;
    readonly operators: Readonly<Record<string, OperatorSummary>>;
    readonly metrics: SeriesMetricsSummary;
  };
}
