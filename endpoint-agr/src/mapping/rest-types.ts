// What the REST facade returns (F2): plain JSON, ISO 8601 UTC times, integer watts with the unit
// in the field name. Mirrors the RAML types in endpoint-agr/raml/types (the contract); the HTTP
// tests validate real responses against those RAML types so the two cannot drift apart.

export type Outcome = 'PENDING' | 'ACCEPTED' | 'REJECTED';
export type Direction = 'production' | 'consumption';
export type Resolution = 'PT15M' | 'PT60M';

export interface ReasonView {
  code: string;
  text?: string;
}

export interface Period {
  start: string;
  end: string;
}

/** F4b: an asset as the AGR/BRP describes it. */
export interface AssetInput {
  assetId: string;
  connectionPointId: string;
  produces: boolean;
  consumes: boolean;
  maxProductionW: number;
  maxConsumptionW: number;
  name: string;
}

export type AssetOperation = 'register' | 'update' | 'remove';

export interface AssetView extends AssetInput {
  registration: { operation: AssetOperation; outcome: Outcome; reasons: ReasonView[]; messageId: string; documentId: string; updatedAt: string };
}

export interface RegistrationReceipt {
  messageId: string;
  documentId: string;
  operation: AssetOperation;
  assetIds: string[];
}

/** F8b: signed watts, positive = production (feeding the grid), negative = consumption. */
export interface ScheduleInterval {
  start: string;
  end: string;
  powerW: number;
}

export interface ScheduleAsset {
  assetId: string;
  resolution: Resolution;
  intervals: ScheduleInterval[];
}

export type ScheduleStatus = 'active' | 'cancelled';

export interface ScheduleView {
  scheduleId: string;
  revision: number;
  status: ScheduleStatus;
  period: Period;
  assets: ScheduleAsset[];
  messageId: string;
  outcome: Outcome;
  reasons: ReasonView[];
  updatedAt: string;
}

export interface ScheduleReceipt {
  scheduleId: string;
  revision: number;
  status: ScheduleStatus;
  messageId: string;
}

export interface LimitInterval {
  start: string;
  end: string;
  maxW: number;
}

export interface GrantView {
  assetId: string;
  direction: Direction;
  resolution: Resolution;
  intervals: LimitInterval[];
}

export interface SignalView {
  assetId: string;
  direction: Direction;
  action: 'start' | 'stop' | 'hold';
}

/** F7a: a capacity limit as it concerns the calling party (only its own assets). */
export interface LimitView {
  seq: number;
  limitId: string;
  revision: number;
  kind: 'foreseen' | 'unforeseen';
  status: 'active' | 'cancelled';
  period: Period;
  expiresAt: string;
  receivedAt: string;
  reasons: ReasonView[];
  /** Foreseen: this party's per-asset share of the limit (the fair split). */
  grants?: GrantView[];
  /** Foreseen: how fair the split was, when the core sends its metrics. */
  fairness?: Record<string, number | string>;
  /** Unforeseen: what each asset must do, and until when. */
  signals?: SignalView[];
  until?: string;
}

export interface MessageView {
  messageId: string;
  businessType: string;
  documentId: string;
  revision: number;
  sentAt: string;
  tracking: { state: string; reason?: string; history: Array<{ state: string; at: string; reason?: string }> } | null;
  acknowledgement: { outcome: Outcome; reasons: ReasonView[]; receivedAt?: string };
}
