// NF3: a party operating assets (AGR/BRP) must not become a DSO too — it would then receive asset
// lists and schedules of other operators' assets on "its" connection points.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ConnectionPointInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const cpPartySingleRoleRule: Rule<ConnectionPointInput, RegistrySupport> = {
  id: 'cp.party-single-role',
  order: 30,
  appliesTo: (input) => input.doc.connectionPoints.some((e) => e.action === 'add'),
  async validate(input, support) {
    if (await support.operatesAssets(input.sender)) {
      return reject('A78', 'a party that operates assets (AGR/BRP) cannot own connection points');
    }
    return undefined;
  },
};
