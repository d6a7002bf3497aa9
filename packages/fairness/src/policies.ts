// Registry of the built-in policies; the TPS core picks one per DSO or per limit by name.

import type { FairnessPolicy } from './policy.js';
import { dremProrataPolicy } from './drem-prorata.policy.js';
import { equalPolicy } from './equal.policy.js';
import { prorataRequestPolicy } from './prorata-request.policy.js';
import { waterfillPolicy } from './waterfill.policy.js';
import { FairnessErrorCode, FairnessInputError } from './errors.js';

export const POLICY_NAMES = ['waterfill', 'drem-prorata', 'equal', 'prorata-request'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export const DEFAULT_POLICY: PolicyName = 'waterfill';

export const policies: Readonly<Record<PolicyName, FairnessPolicy>> = {
  waterfill: waterfillPolicy,
  'drem-prorata': dremProrataPolicy,
  equal: equalPolicy,
  'prorata-request': prorataRequestPolicy,
};

export function isPolicyName(value: unknown): value is PolicyName {
  return typeof value === 'string' && (POLICY_NAMES as readonly string[]).includes(value);
}

/** A name (default 'waterfill') or a custom policy object → the policy; unknown names are input errors. */
export function resolvePolicy(policy: unknown): FairnessPolicy {
  if (policy === undefined) return policies[DEFAULT_POLICY];
  if (isPolicyName(policy)) return policies[policy];
  if (isCustomPolicy(policy)) return policy;
  const got = typeof policy === 'string' ? JSON.stringify(policy) : typeof policy;
  throw new FairnessInputError(
    FairnessErrorCode.UnknownPolicy,
    'policy',
    `must be one of ${POLICY_NAMES.join(', ')} (got ${got})`,
  );
}

function isCustomPolicy(value: unknown): value is FairnessPolicy {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<FairnessPolicy>;
  return (
    typeof p.name === 'string' &&
    typeof p.fillsToCaps === 'boolean' &&
    typeof p.capsOf === 'function' &&
    typeof p.weightsOf === 'function' &&
    typeof p.allocate === 'function'
  );
}
