// F4a: a connection point belongs to one DSO; a second DSO claiming it is a conflict.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ConnectionPointInput } from '../inputs.js';
import type { RegistrySupport } from '../support.js';

export const cpNotOwnedByOtherRule: Rule<ConnectionPointInput, RegistrySupport> = {
  id: 'cp.not-owned-by-other',
  order: 40,
  appliesTo: (input) => input.doc.connectionPoints.some((e) => e.action === 'add'),
  async validate(input, support) {
    for (const entry of input.doc.connectionPoints) {
      if (entry.action !== 'add') continue;
      const owner = await support.findConnectionPointOwner(entry.connectionPoint);
      if (owner !== undefined && owner !== input.sender) {
        return reject('A59', `connection point ${entry.connectionPoint} is registered by another DSO`);
      }
    }
    return undefined;
  },
};
