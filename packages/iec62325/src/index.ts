// packages/iec62325 — the wire (F1): IEC 62325-451 documents as typed values, their builders and
// parsers, hot-path schema validation against the project's profiles in xsd/, identifiers and
// unit conversion. It imports nothing of transport or storage.

export { DocumentError, DocumentErrorCode, isDocumentError, type DocumentErrorOptions } from './errors/document-error.js';
export { REASON_CODES, isReasonCode, type ReasonCode } from './codes/reason-codes.js';
export {
  BUSINESS_TYPE,
  CODING_SCHEME,
  LOCAL_ACTION_CODE,
  MARKET_ROLE,
  MARKET_ROLES,
  MESSAGE_TYPE,
  PROCESS_TYPE,
  PSR_TYPE,
  QUANTITY_UNITS,
  RESOLUTION_MINUTES,
  STATUS,
  UNFORESEEN_ACTIONS,
  type MarketRole,
  type QuantityUnit,
  type Resolution,
  type UnforeseenAction,
} from './codes/market-codes.js';

export { EIC_ASSET_TYPE, EIC_PARTY_TYPE, eicCheckChar, isValidEic, isValidEicOfType, makeEic } from './identifiers/eic.js';
export { gsrnCheckDigit, isValidGsrn, makeGsrn } from './identifiers/gsrn.js';
export { quantityToWatts, wattsToQuantity } from './units/watts.js';
export { expectedPointCount, parseEsmpDateTime, parseYmdhm, toEsmpDateTime, toYmdhm, type TimeInterval } from './time/esmp-time.js';

export type { AssetCapabilities, Direction, DocumentHeader, MarketParticipant, Reason, RevisedDocumentHeader } from './model/common.types.js';
export type {
  AcknowledgementDocument,
  ActiveScheduleSeries,
  CancelledScheduleSeries,
  CapacityLimitDocument,
  ForeseenLimitDocument,
  ForeseenLimitSeries,
  GrantLimitDocument,
  GrantSeries,
  ScheduleDocument,
  ScheduleSeries,
  StatusRequestDocument,
  UnforeseenLimitDocument,
  UnforeseenSignalSeries,
} from './model/market-documents.types.js';
export type {
  AssetListDocument,
  AssetListPaging,
  AssetRegistrationDocument,
  AssetRegistrationEntry,
  AssetRemovalEntry,
  ConnectionPointRegistrationDocument,
  ListedAsset,
} from './model/registration-documents.types.js';
export type { ParsedDocument } from './model/parsed-document.types.js';

export { buildSchedule } from './documents/schedule.builder.js';
export { buildCapacityLimit } from './documents/capacity-limit.builder.js';
export { buildStatusRequest } from './documents/status-request.builder.js';
export { buildAcknowledgement } from './documents/acknowledgement.builder.js';
export { buildAssetRegistration } from './documents/asset-registration.builder.js';
export { buildConnectionPointRegistration } from './documents/connection-point-registration.builder.js';
export { buildAssetList } from './documents/asset-list.builder.js';
export { MAX_ASSET_LIST_PAGES } from './model/registration-documents.types.js';
export { buildDocument } from './build-document.js';
export type { WriteOptions } from './xml/xml-writer.js';

export {
  parseAcknowledgement,
  parseAssetList,
  parseAssetRegistration,
  parseCapacityLimit,
  parseConnectionPointRegistration,
  parseSchedule,
  parseStatusRequest,
} from './typed-parsers.js';
export { parseDocument, parseDocumentOfKind, validateDocument, validateSchemaOnly, type DocumentOf, type ValidationResult } from './parse-document.js';
export { DEFAULT_MAX_DOCUMENT_BYTES, type ReadOptions } from './xml/input-guard.js';

export { DOCUMENT_KINDS, DOCUMENT_SCHEMAS, NAMESPACE, type DocumentKind, type DocumentSchema } from './schema/document-kinds.js';
export { compileProfiles, disposeProfiles } from './schema/profile-validators.js';
export { xsdDir } from './schema/xsd-dir.js';

export { EXAMPLE_ASSETS, EXAMPLE_CONNECTION_POINTS, EXAMPLE_PARTIES, exampleDocuments, exampleVariants } from './examples/example-documents.js';
export { validateFiles, writeExampleFiles, type FileValidation } from './examples/document-files.js';
