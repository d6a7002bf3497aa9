import type { AcknowledgementDocument, CapacityLimitDocument, ScheduleDocument, StatusRequestDocument } from './market-documents.types.js';
import type { AssetListDocument, AssetRegistrationDocument, ConnectionPointRegistrationDocument } from './registration-documents.types.js';

/** Any wire document with its kind (the result of parseDocument, the input of buildDocument). */
export type ParsedDocument =
  | { kind: 'schedule'; document: ScheduleDocument }
  | { kind: 'capacity-limit'; document: CapacityLimitDocument }
  | { kind: 'status-request'; document: StatusRequestDocument }
  | { kind: 'acknowledgement'; document: AcknowledgementDocument }
  | { kind: 'asset-registration'; document: AssetRegistrationDocument }
  | { kind: 'connection-point-registration'; document: ConnectionPointRegistrationDocument }
  | { kind: 'asset-list'; document: AssetListDocument };
