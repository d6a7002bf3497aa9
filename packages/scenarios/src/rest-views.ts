// What the scenarios read from the REST facades: the parts of the RAML types (endpoint-agr/raml,
// endpoint-dso/raml/types.raml) they use. Client-side views; the facades own the contract.

export interface Reason {
  code: string;
  text?: string;
}

export interface Tracking {
  state: 'ACCEPTED' | 'DELIVERED' | 'RECEIVED' | 'FAILED';
  reason?: string;
}

/** AGR MessageStatus and DSO MessageStatus, both. */
export interface MessageStatusView {
  messageId: string;
  businessType: string;
  documentId: string;
  tracking: Tracking | null;
  /** AGR: outcome PENDING|ACCEPTED|REJECTED; DSO: state pending|accepted|rejected. */
  acknowledgement: { outcome?: string; state?: string; reasons: Reason[] };
}

export interface AgrLimitInterval {
  start: string;
  end: string;
  maxW: number;
}

export interface AgrLimit {
  seq: number;
  limitId: string;
  revision: number;
  kind: 'foreseen' | 'unforeseen';
  status: 'active' | 'cancelled';
  period: { start: string; end: string };
  receivedAt: string;
  reasons: Reason[];
  grants?: Array<{ assetId: string; direction: 'production' | 'consumption'; resolution: string; intervals: AgrLimitInterval[] }>;
  fairness?: Record<string, unknown>;
  signals?: Array<{ assetId: string; direction: 'production' | 'consumption'; action: 'start' | 'stop' | 'hold' }>;
  until?: string;
}

export interface DsoAsset {
  assetId: string;
  name?: string;
  connectionPointId: string;
  produces: boolean;
  consumes: boolean;
  maxProductionW: number;
  maxConsumptionW: number;
  [other: string]: unknown;
}

export interface DsoSchedule {
  sequence: number;
  scheduleId: string;
  revision: number;
  seriesId: string;
  assetId: string;
  cancelled: boolean;
  resolution?: string;
  interval?: { start: string; end: string };
  valuesW?: number[];
  [other: string]: unknown;
}

export interface DsoGrant {
  assetId: string;
  direction: 'production' | 'consumption';
  resolution: string;
  interval: { start: string; end: string };
  grantW: number[];
}

export interface DsoSplit {
  limitId: string;
  kind: 'foreseen' | 'unforeseen';
  currentRevision?: number;
  reported?: boolean;
  revision: number | null;
  policy?: string | null;
  metrics?: Record<string, unknown> | null;
  grants?: DsoGrant[];
  expectedEnd?: string;
  assets?: Array<{ assetId: string; direction: string; action: string }>;
}

export interface LimitSent {
  limitId: string;
  kind: 'foreseen' | 'unforeseen';
  revision: number;
  status: 'active' | 'cancelled';
  messageId: string;
}
