// F6a: a DSO sends foreseen limits or unforeseen signals; grants are what the core computes and
// sends, never something it accepts.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { LimitInput } from '../inputs.js';

export const limitKindRule: Rule<LimitInput, unknown> = {
  id: 'limit.kind',
  order: 10,
  appliesTo: () => true,
  async validate(input) {
    if (input.doc.limitType === 'grant') return reject('A62', 'grant documents are issued by the TPS core, not accepted from a DSO');
    return undefined;
  },
};
