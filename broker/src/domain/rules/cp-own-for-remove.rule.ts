// F4a: a DSO removes only its own connection points; unknown and foreign points get the same
// answer.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ConnectionPointInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const cpOwnForRemoveRule: Rule<ConnectionPointInput, RegistrySupport> = {
  id: 'cp.own-for-remove',
  order: 50,
  appliesTo: (input) => input.doc.connectionPoints.some((e) => e.action === 'remove'),
  async validate(input, support) {
    for (const entry of input.doc.connectionPoints) {
      if (entry.action !== 'remove') continue;
      if ((await support.findConnectionPointOwner(entry.connectionPoint)) !== input.sender) {
        return reject('A64', `connection point ${entry.connectionPoint} is not registered to you; remove refused`);
      }
    }
    return undefined;
  },
};
