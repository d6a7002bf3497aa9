import { BUSINESS_TYPE, LOCAL_ACTION_CODE, PROCESS_TYPE, PSR_TYPE, STATUS, type UnforeseenAction } from '../codes/market-codes.js';
import type { Direction } from '../model/common.types.js';
import type { CapacityLimitDocument } from '../model/market-documents.types.js';

// How a capacity limit maps onto Unavailability_MarketDocument codes (docs/documents.md).
export type LimitType = CapacityLimitDocument['limitType'];

export const PROCESS_OF_LIMIT: Record<LimitType, string> = {
  foreseen: PROCESS_TYPE.capacityDetermination,
  grant: PROCESS_TYPE.capacityAllocation,
  unforeseen: PROCESS_TYPE.outageInformation,
};
export const LIMIT_OF_PROCESS = new Map<string, LimitType>(
  Object.entries(PROCESS_OF_LIMIT).map(([limit, process]) => [process, limit as LimitType]),
);

export const PSR_OF_DIRECTION: Record<Direction, string> = { production: PSR_TYPE.generation, consumption: PSR_TYPE.load };
export const DIRECTION_OF_PSR = new Map<string, Direction>([
  [PSR_TYPE.generation, 'production'],
  [PSR_TYPE.load, 'consumption'],
]);

export const ACTION_OF_CODE = new Map<string, UnforeseenAction>(
  Object.entries(LOCAL_ACTION_CODE).map(([action, code]) => [code, action as UnforeseenAction]),
);

export const AVAILABLE_CAPACITY = BUSINESS_TYPE.maximumAvailableCapacity;
export const DOC_STATUS = { active: STATUS.active, cancelled: STATUS.cancelled } as const;
