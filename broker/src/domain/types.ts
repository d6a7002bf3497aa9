// The core's domain model (F4a static information). Plain types: storage maps rows to these, the
// wire layer (packages/iec62325) is converted at the handler boundary.
import type { ReasonCode } from '../../../packages/iec62325/src/codes/reason-codes.js';

/** A flexibility asset as the registry holds it. Only the core and its operator see `operator`. */
export interface Asset {
  assetId: string;
  operator: string;
  connectionPoint: string;
  name?: string;
  produces: boolean;
  consumes: boolean;
  maxProductionW: number;
  maxConsumptionW: number;
  updatedAt: string;
}

export interface ConnectionPoint {
  connectionPoint: string;
  dso: string;
  registeredAt: string;
}

/** F4a validity of an asset over time; history rows keep every step. */
export type AssetValidity = 'connected' | 'disconnected' | 'reassigned';

export interface AssetHistoryEntry {
  assetId: string;
  operator: string;
  connectionPoint: string | null;
  validity: AssetValidity;
  detail: string;
  at: string;
  messageId: string;
}

/** Why a document is refused: a 451-1 reason code and a text for the negative acknowledgement. */
export interface Rejection {
  code: ReasonCode;
  text: string;
}

export function reject(code: ReasonCode, text: string): Rejection {
  return { code, text };
}

/** One stored schedule series of an asset (F8a), signed integer watts per step. */
export interface StoredScheduleSeries {
  operator: string;
  documentMrid: string;
  seriesMrid: string;
  assetId: string;
  resolution: 'PT15M' | 'PT60M';
  start: string;
  end: string;
  pointsW: number[];
  revision: number;
  updatedAt: string;
}
