// What the rules look at: the parsed document plus the verified envelope facts (F1: the messaging
// layer has already verified which party sent it).
import type {
  AssetRegistrationDocument,
  ConnectionPointRegistrationDocument,
} from '../../../packages/iec62325/src/model/registration-documents.types.js';
import type { CapacityLimitDocument, ScheduleDocument } from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { DocumentHeader } from '../../../packages/iec62325/src/model/common.types.js';

/** The document kinds the core accepts and answers (acknowledgements are only recorded). */
export type InboundKind = 'asset-registration' | 'connection-point-registration' | 'status-request' | 'schedule' | 'capacity-limit';

export interface HeaderInput {
  /** Party verified by the messaging layer (envelope signature + directory). */
  envelopeSender: string;
  businessType: string;
  kind: string;
  /** Parties the core speaks for (Messenger.parties). */
  tpsParties: readonly string[];
  header: DocumentHeader;
}

export interface AssetRegistrationInput {
  sender: string;
  doc: AssetRegistrationDocument;
}

export interface ConnectionPointInput {
  sender: string;
  doc: ConnectionPointRegistrationDocument;
}

/** A DSO naming assets (status request, limits): each must be on one of its connection points. */
export interface DsoTargetInput {
  sender: string;
  assetIds: readonly string[];
}

export interface ScheduleInput {
  sender: string;
  doc: ScheduleDocument;
}

export interface LimitInput {
  sender: string;
  doc: CapacityLimitDocument;
}
