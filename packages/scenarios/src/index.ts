// End-to-end DREM scenarios (foreseen and unforeseen capacity issues) played through the REST
// facades only: used by `tps demo` and by the end-to-end tests (test/e2e).
export { BrokerTap, type TappedMessage, type TappedAck } from './tapping-transport.js';
export { RestClient, RestError } from './rest-client.js';
export { dremCast, assetsAt, plannedW, capacityW, partyName, assetName, cpName, type Cast, type CastAsset, type Direction } from './cast.js';
export { consoleNarrator, silentNarrator, type Narrator } from './narrator.js';
export { playDremScenario, type ScenarioRun } from './scenario.js';
export { ackOutcome, type SentRecord } from './actors.js';
export type { Arrival, ForeseenResult, RevisionResult, UnforeseenResult } from './limits.step.js';
export type { AgrLimit, DsoAsset, DsoGrant, DsoSchedule, DsoSplit, MessageStatusView } from './rest-views.js';
export { capturedDocuments, writeDocuments, type CapturedDocument } from './capture.js';
export { buildSummary, renderSummary, quarterValues, exceedances, type Summary, type Exceedance } from './summary.js';
export { eventually, sleep, ScenarioTimeoutError } from './wait.js';
