import type {
  Direction,
  QuantityUnit,
  Reason,
  Resolution,
  RevisedDocumentHeader,
  DocumentHeader,
  TimeInterval,
  UnforeseenAction,
} from './common.types.js';

/** One asset's schedule: one point per resolution step, signed integer watts. */
export interface ActiveScheduleSeries {
  mRID: string;
  /** The asset, EIC W-code. */
  assetId: string;
  cancelled: false;
  resolution: Resolution;
  interval: TimeInterval;
  /** F8: positive = production (feeding the grid), negative = consumption. */
  pointsW: number[];
}

/** A series withdrawn by a new revision (GL cancelledTS = A01). */
export interface CancelledScheduleSeries {
  mRID: string;
  assetId: string;
  cancelled: true;
}

export type ScheduleSeries = ActiveScheduleSeries | CancelledScheduleSeries;

/** Operational schedules (F8, F9): GL_MarketDocument. */
export interface ScheduleDocument extends RevisedDocumentHeader {
  period: TimeInterval;
  /** The unit quantities use on the wire; values here are always watts. */
  unit: QuantityUnit;
  series: ScheduleSeries[];
}

/** Foreseen limit: capacity available to the named assets together, per step. */
export interface ForeseenLimitSeries {
  mRID: string;
  direction: Direction;
  assetIds: string[];
  resolution: Resolution;
  interval: TimeInterval;
  availableW: number[];
}

/** Grant: one asset's share of a limit (the fair split), per step. */
export interface GrantSeries {
  mRID: string;
  direction: Direction;
  assetId: string;
  resolution: Resolution;
  interval: TimeInterval;
  grantW: number[];
}

/** Unforeseen issue: the named assets must start/stop/hold producing or consuming until `period.end`. */
export interface UnforeseenSignalSeries {
  mRID: string;
  direction: Direction;
  assetIds: string[];
  action: UnforeseenAction;
}

interface CapacityLimitBase extends RevisedDocumentHeader {
  /** The limitation period. For unforeseen issues: from `start` until `end`, when the grid is expected back to normal. */
  period: TimeInterval;
  /** A cancellation is a new revision of the same mRID with status 'cancelled' (docStatus A09). */
  status: 'active' | 'cancelled';
  /** The wire unit. It travels on each TimeSeries, so a document without series reads back as 'KWT'. */
  unit: QuantityUnit;
  /** Why (e.g. B24 load flow overload, B46 internal congestion, B19 foreseen maintenance). */
  reasons: Reason[];
}

export interface ForeseenLimitDocument extends CapacityLimitBase {
  limitType: 'foreseen';
  series: ForeseenLimitSeries[];
}
export interface GrantLimitDocument extends CapacityLimitBase {
  limitType: 'grant';
  series: GrantSeries[];
}
export interface UnforeseenLimitDocument extends CapacityLimitBase {
  limitType: 'unforeseen';
  series: UnforeseenSignalSeries[];
}

/** Capacity limits (F6, F7): Unavailability_MarketDocument. */
export type CapacityLimitDocument = ForeseenLimitDocument | GrantLimitDocument | UnforeseenLimitDocument;

/** Asset-list (F5) and schedule (F9) requests: StatusRequest_MarketDocument. The sender is the requesting party. */
export interface StatusRequestDocument extends DocumentHeader {
  requested: 'asset-list' | 'schedules';
  /** Restrict the answer to these assets; empty = all the requester may see. */
  assetIds: string[];
  /** Optional time window (schedules). */
  interval?: TimeInterval;
}

/** Business acknowledgement (451-1): Acknowledgement_MarketDocument. */
export interface AcknowledgementDocument extends DocumentHeader {
  received: { mRID: string; revisionNumber?: number };
  accepted: boolean;
  /** Detail beyond the outcome (the outcome itself is written as the first reason, A01 or A02). */
  reasons: Reason[];
}
