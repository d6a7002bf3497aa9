import type { MarketRole, QuantityUnit, Resolution, UnforeseenAction } from '../codes/market-codes.js';
import type { ReasonCode } from '../codes/reason-codes.js';
import type { TimeInterval } from '../time/esmp-time.js';

export type { MarketRole, QuantityUnit, Resolution, UnforeseenAction, ReasonCode, TimeInterval };

/** A party: its EIC (X-code, codingScheme A01) and the market role it acts in. */
export interface MarketParticipant {
  mRID: string;
  role: MarketRole;
}

/** A reason: a 451-1 reason code and an optional text (at most 512 characters). */
export interface Reason {
  code: ReasonCode;
  text?: string;
}

/** Production feeds the grid; consumption takes from it. */
export type Direction = 'production' | 'consumption';

/** Header fields every document has. `mRID` is 1..60 characters of [A-Za-z0-9._:-]. */
export interface DocumentHeader {
  mRID: string;
  sender: MarketParticipant;
  receiver: MarketParticipant;
  /** YYYY-MM-DDTHH:MM:SSZ (UTC). */
  createdDateTime: string;
}

/** A header with a revision: updates are new revisions (1..999) of the same mRID. */
export interface RevisedDocumentHeader extends DocumentHeader {
  revisionNumber: number;
}

/** What an asset can do (F4). Maxima are integer watts, > 0 exactly when the capability is set. */
export interface AssetCapabilities {
  produces: boolean;
  consumes: boolean;
  maxProductionW: number;
  maxConsumptionW: number;
}
