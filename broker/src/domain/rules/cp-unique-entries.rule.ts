// One connection point once per document, so the outcome never depends on entry order.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ConnectionPointInput } from '../inputs.js';

export const cpUniqueEntriesRule: Rule<ConnectionPointInput, unknown> = {
  id: 'cp.unique-entries',
  order: 20,
  appliesTo: (input) => input.doc.connectionPoints.length > 1,
  async validate(input) {
    const seen = new Set<string>();
    for (const entry of input.doc.connectionPoints) {
      if (seen.has(entry.connectionPoint)) return reject('A55', `connection point ${entry.connectionPoint} appears more than once`);
      seen.add(entry.connectionPoint);
    }
    return undefined;
  },
};
