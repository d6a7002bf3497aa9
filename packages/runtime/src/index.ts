export type { ComponentContext, ComponentHandle, ComponentName } from './component.js';
export { openComponentDatabase } from './open-component-db.js';
export type { Messenger, OutgoingDocument, ReceivedDocument, BusinessType, TrackingState, TrackingStatus } from './messenger.js';
export { BUSINESS_TYPES } from './messenger.js';
