// The documents this endpoint sends and receives, as typed values. The codec turns them into the
// IEC 62325 bytes and back; the business code never sees XML (F2: the REST facade hides it).
import type {
  AcknowledgementDocument,
  CapacityLimitDocument,
  ScheduleDocument,
  StatusRequestDocument,
} from '../../../packages/iec62325/src/model/market-documents.types.js';
import type { AssetListDocument, ConnectionPointRegistrationDocument } from '../../../packages/iec62325/src/model/registration-documents.types.js';

export type OutboundDocument =
  | { kind: 'connection-point-registration'; document: ConnectionPointRegistrationDocument }
  | { kind: 'capacity-limit'; document: CapacityLimitDocument }
  | { kind: 'status-request'; document: StatusRequestDocument };

export type InboundDocument =
  | { kind: 'asset-list'; document: AssetListDocument }
  | { kind: 'schedule'; document: ScheduleDocument }
  | { kind: 'capacity-limit'; document: CapacityLimitDocument }
  | { kind: 'acknowledgement'; document: AcknowledgementDocument };

export interface DsoDocumentCodec {
  /** Serialises (and schema-checks) an outgoing document; throws DocumentError when invalid. */
  build(doc: OutboundDocument): string;
  /** Parses received bytes; throws DocumentError for anything hostile, invalid or unexpected. */
  parse(bytes: Uint8Array): InboundDocument | { kind: 'other'; documentKind: string };
}
