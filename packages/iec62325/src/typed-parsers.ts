import type { AcknowledgementDocument, CapacityLimitDocument, ScheduleDocument, StatusRequestDocument } from './model/market-documents.types.js';
import type { AssetListDocument, AssetRegistrationDocument, ConnectionPointRegistrationDocument } from './model/registration-documents.types.js';
import { parseDocumentOfKind } from './parse-document.js';
import type { ReadOptions } from './xml/input-guard.js';

// One parser per document kind; each throws DocumentError (code DOCUMENT_WRONG_KIND) when the
// input is a valid document of another kind.
type Input = string | Uint8Array;

export const parseSchedule = (input: Input, options?: ReadOptions): ScheduleDocument => parseDocumentOfKind('schedule', input, options);
export const parseCapacityLimit = (input: Input, options?: ReadOptions): CapacityLimitDocument => parseDocumentOfKind('capacity-limit', input, options);
export const parseStatusRequest = (input: Input, options?: ReadOptions): StatusRequestDocument => parseDocumentOfKind('status-request', input, options);
export const parseAcknowledgement = (input: Input, options?: ReadOptions): AcknowledgementDocument => parseDocumentOfKind('acknowledgement', input, options);
export const parseAssetRegistration = (input: Input, options?: ReadOptions): AssetRegistrationDocument =>
  parseDocumentOfKind('asset-registration', input, options);
export const parseConnectionPointRegistration = (input: Input, options?: ReadOptions): ConnectionPointRegistrationDocument =>
  parseDocumentOfKind('connection-point-registration', input, options);
export const parseAssetList = (input: Input, options?: ReadOptions): AssetListDocument => parseDocumentOfKind('asset-list', input, options);
