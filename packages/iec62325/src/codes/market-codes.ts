// ENTSO-E code list values (v94) the platform writes, named. The profiles in xsd/ admit exactly
// these; market-codes.test.ts keeps the two in step and the conformance tests check each value
// against the official code lists. docs/documents.md explains every choice.

/** RoleTypeList: who sends and who receives. */
export const MARKET_ROLE = {
  balanceResponsibleParty: 'A08',
  resourceProvider: 'A27',
  dso: 'A50',
  resourceAggregator: 'A52',
  flexibilityServiceProvider: 'A56',
  /** The TPS core: a data access provider between AGR/BRPs and DSOs. */
  platform: 'A57',
} as const;
export type MarketRole = (typeof MARKET_ROLE)[keyof typeof MARKET_ROLE];
export const MARKET_ROLES: readonly MarketRole[] = Object.values(MARKET_ROLE);

/** MessageTypeList: the `type` of each document. */
export const MESSAGE_TYPE = {
  /** GL_MarketDocument: resource provider schedule for production/consumption. */
  schedule: 'A67',
  /** Unavailability_MarketDocument: transmission (grid capacity) unavailability. */
  capacityLimit: 'A78',
  /** StatusRequest_MarketDocument: information request. */
  statusRequest: 'A59',
  /** Project registration and asset-list documents: configuration document. */
  configuration: 'A95',
} as const;

/** ProcessTypeList. */
export const PROCESS_TYPE = {
  scheduleDay: 'A17',
  /** Foreseen limit from a DSO. */
  capacityDetermination: 'A15',
  /** Grants: the fair split of a limit, per asset. */
  capacityAllocation: 'A07',
  /** Unforeseen capacity issue: start/stop/hold signals. */
  outageInformation: 'A26',
  registration: 'A62',
  synchronisation: 'A39',
} as const;

/** BusinessTypeList (standard codes). */
export const BUSINESS_TYPE = {
  /** GL: signed values, + production, - consumption. */
  netProductionConsumption: 'A07',
  /** Outage: capacity available to the named assets. */
  maximumAvailableCapacity: 'C79',
} as const;

/**
 * The project's LOCAL business type codes (xsd/urn-entsoe-eu-local-extension-types.xsd,
 * LocalBusinessType): the action an unforeseen capacity issue requires of the named assets.
 */
export const LOCAL_ACTION_CODE = { start: 'Z01', stop: 'Z02', hold: 'Z03' } as const;
export type UnforeseenAction = keyof typeof LOCAL_ACTION_CODE;
export const UNFORESEEN_ACTIONS: readonly UnforeseenAction[] = ['start', 'stop', 'hold'];

/** StatusTypeList. */
export const STATUS = {
  active: 'A05',
  cancelled: 'A09',
  creation: 'A14',
  update: 'A15',
  deactivation: 'A16',
} as const;

/** CodingSchemeTypeList. */
export const CODING_SCHEME = { eic: 'A01', gs1: 'A10' } as const;

/** AssetTypeList: capabilities of an asset and the direction of a limit series. */
export const PSR_TYPE = { resourceObject: 'A03', generation: 'A04', load: 'A05' } as const;

export const INDICATOR = { yes: 'A01', no: 'A02' } as const;
export const CURVE_TYPE = { sequentialFixedSizeBlock: 'A01' } as const;
export const OBJECT_AGGREGATION = { resourceObject: 'A06' } as const;

/** UnitOfMeasureTypeList values the quantities may use on the wire. */
export const QUANTITY_UNITS = ['KWT', 'MAW'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

/** Series resolutions (ISO 8601 durations) and their length in minutes. */
export const RESOLUTION_MINUTES = { PT15M: 15, PT60M: 60 } as const;
export type Resolution = keyof typeof RESOLUTION_MINUTES;

/** Status request attributes (AttributeInstanceComponent.attribute). */
export const REQUEST_ATTRIBUTE = {
  documentType: 'DocumentType',
  registeredResource: 'RegisteredResource',
  timeInterval: 'TimeInterval',
} as const;
