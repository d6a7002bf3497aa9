// The rule sets, one per document kind, each run in `order` (first failure wins).
import type { Rule } from './rule.js';
import type { AssetRegistrationInput, ConnectionPointInput, DsoTargetInput, HeaderInput, LimitInput, ScheduleInput } from './inputs.js';
import type { RegistrySupport } from './support.js';
import { headerBusinessTypeRule } from './rules/header-business-type.rule.js';
import { headerSenderRule } from './rules/header-sender.rule.js';
import { headerRoleRule } from './rules/header-role.rule.js';
import { headerReceiverRule } from './rules/header-receiver.rule.js';
import { assetUniqueEntriesRule } from './rules/asset-unique-entries.rule.js';
import { assetOperatorIsSenderRule } from './rules/asset-operator-is-sender.rule.js';
import { assetPartySingleRoleRule } from './rules/asset-party-single-role.rule.js';
import { assetNotClaimedRule } from './rules/asset-not-claimed.rule.js';
import { assetOwnForChangeRule } from './rules/asset-own-for-change.rule.js';
import { cpDsoIsSenderRule } from './rules/cp-dso-is-sender.rule.js';
import { cpUniqueEntriesRule } from './rules/cp-unique-entries.rule.js';
import { cpPartySingleRoleRule } from './rules/cp-party-single-role.rule.js';
import { cpNotOwnedByOtherRule } from './rules/cp-not-owned-by-other.rule.js';
import { cpOwnForRemoveRule } from './rules/cp-own-for-remove.rule.js';
import { dsoOwnGridRule } from './rules/dso-own-grid.rule.js';
import { limitKindRule } from './rules/limit-kind.rule.js';
import { limitUniqueAssetsRule } from './rules/limit-unique-assets.rule.js';
import { scheduleOwnAssetsRule } from './rules/schedule-own-assets.rule.js';

export const HEADER_RULES: readonly Rule<HeaderInput, unknown>[] = [headerBusinessTypeRule, headerSenderRule, headerRoleRule, headerReceiverRule];

export const ASSET_REGISTRATION_RULES: readonly Rule<AssetRegistrationInput, RegistrySupport>[] = [
  assetUniqueEntriesRule,
  assetOperatorIsSenderRule,
  assetPartySingleRoleRule,
  assetNotClaimedRule,
  assetOwnForChangeRule,
];

export const CONNECTION_POINT_RULES: readonly Rule<ConnectionPointInput, RegistrySupport>[] = [
  cpDsoIsSenderRule,
  cpUniqueEntriesRule,
  cpPartySingleRoleRule,
  cpNotOwnedByOtherRule,
  cpOwnForRemoveRule,
];

export const DSO_TARGET_RULES: readonly Rule<DsoTargetInput, RegistrySupport>[] = [dsoOwnGridRule];
export const LIMIT_RULES: readonly Rule<LimitInput, unknown>[] = [limitKindRule, limitUniqueAssetsRule];
export const SCHEDULE_RULES: readonly Rule<ScheduleInput, RegistrySupport>[] = [scheduleOwnAssetsRule];
