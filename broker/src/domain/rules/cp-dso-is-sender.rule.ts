// F4a: a DSO registers only its own connection points — the DSO named in the document must be
// the sending party.
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { ConnectionPointInput } from '../inputs.js';

export const cpDsoIsSenderRule: Rule<ConnectionPointInput, unknown> = {
  id: 'cp.dso-is-sender',
  order: 10,
  appliesTo: () => true,
  async validate(input) {
    if (input.doc.dso !== input.sender) return reject('A78', `DSO ${input.doc.dso} is not the sending party`);
    return undefined;
  },
};
