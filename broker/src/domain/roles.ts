// Market roles (RoleTypeList) that may send each kind of document to the core.
import { MARKET_ROLE } from '../../../packages/iec62325/src/codes/market-codes.js';

/** AGR/BRP roles: balance responsible, resource provider, aggregator, flexibility service provider. */
export const OPERATOR_ROLES: readonly string[] = [
  MARKET_ROLE.balanceResponsibleParty,
  MARKET_ROLE.resourceProvider,
  MARKET_ROLE.resourceAggregator,
  MARKET_ROLE.flexibilityServiceProvider,
];
export const DSO_ROLES: readonly string[] = [MARKET_ROLE.dso];

export const ROLES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  'asset-registration': OPERATOR_ROLES,
  schedule: OPERATOR_ROLES,
  'connection-point-registration': DSO_ROLES,
  'capacity-limit': DSO_ROLES,
  'status-request': DSO_ROLES,
};
