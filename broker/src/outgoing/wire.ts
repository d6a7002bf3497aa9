// The one place the core touches the wire package (packages/iec62325): parse what arrives, build
// what leaves. The core never writes XML itself.
export {
  parseDocument,
  buildAcknowledgement,
  buildAssetList,
  buildSchedule,
  buildCapacityLimit,
  DocumentError,
  isDocumentError,
  MARKET_ROLE,
} from '../../../packages/iec62325/src/index.js';
export type {
  AcknowledgementDocument,
  AssetListDocument,
  AssetRegistrationDocument,
  CapacityLimitDocument,
  ConnectionPointRegistrationDocument,
  ForeseenLimitDocument,
  ForeseenLimitSeries,
  GrantLimitDocument,
  GrantSeries,
  ListedAsset,
  Reason,
  ScheduleDocument,
  ScheduleSeries,
  StatusRequestDocument,
  UnforeseenLimitDocument,
  UnforeseenSignalSeries,
} from '../../../packages/iec62325/src/index.js';
