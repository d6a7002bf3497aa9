// What the business side of a component (TPS core, AGR/BRP endpoint, DSO endpoint) sees of the
// messaging layer: send a document inside its own database transaction (transactional outbox),
// and handle received, already verified documents inside a transaction (ack after commit, inbox
// de-duplication). Implemented over packages/mades; the business side never touches envelopes,
// signatures, queues or component codes (F1).
import type { Knex } from 'knex';

/** The business type travels in the envelope; equal to the document kind of packages/iec62325. */
export type BusinessType =
  | 'asset-registration'
  | 'connection-point-registration'
  | 'asset-list'
  | 'status-request'
  | 'schedule'
  | 'capacity-limit'
  | 'acknowledgement';

export const BUSINESS_TYPES: readonly BusinessType[] = [
  'asset-registration',
  'connection-point-registration',
  'asset-list',
  'status-request',
  'schedule',
  'capacity-limit',
  'acknowledgement',
];

export interface OutgoingDocument {
  businessType: BusinessType;
  /** The serialised IEC 62325 document, sent byte for byte. */
  payload: string | Uint8Array;
  /** EIC of the party this component speaks for in this document (must be one it represents). */
  senderParty: string;
  /** The business application's own identifier (ECP baMessageID), e.g. the document mRID. */
  baMessageId?: string;
  /** Unforeseen (emergency) signals overtake everything else. */
  priority?: 'normal' | 'emergency';
  ttlMs?: number;
}

export interface ReceivedDocument {
  messageId: string;
  businessType: BusinessType;
  payload: Uint8Array;
  /** Verified: the sender component represents this party (directory). */
  senderParty: string;
  senderComponent: string;
  baMessageId: string;
  receivedAt: string;
}

export type TrackingState = 'ACCEPTED' | 'DELIVERED' | 'RECEIVED' | 'FAILED';

export interface TrackingStatus {
  messageId: string;
  state: TrackingState;
  /** Machine-readable reason when FAILED. */
  reason?: string;
  /** Timestamps of each state reached. */
  history: Array<{ state: TrackingState; at: string; reason?: string }>;
}

export interface Messenger {
  /** To the TPS core (endpoints). Returns the message ID; the row commits with `trx`. */
  sendToCore(trx: Knex.Transaction, doc: OutgoingDocument): Promise<string>;
  /** To the component that represents `receiverParty` in the directory (the core's fan-out). */
  sendToParty(trx: Knex.Transaction, receiverParty: string, doc: OutgoingDocument): Promise<string>;
  /**
   * Registers the one handler for received documents. Its effect and the inbox row commit
   * together in `trx`; a throw rolls both back and the message is retried or dead-lettered.
   */
  onDocument(handler: (doc: ReceivedDocument, trx: Knex.Transaction) => Promise<void>): void;
  status(messageId: string): Promise<TrackingStatus | undefined>;
  /** Parties this component speaks for (from its directory registration). */
  readonly parties: readonly string[];
}
