// NF3: the document's sender must be the party the messaging layer verified; otherwise a party
// could act for another (register its assets, read its grid).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { HeaderInput } from '../inputs.js';

export const headerSenderRule: Rule<HeaderInput, unknown> = {
  id: 'header.sender-is-envelope-party',
  order: 20,
  appliesTo: () => true,
  async validate(input) {
    if (input.header.sender.mRID !== input.envelopeSender) {
      return reject('A78', `document sender ${input.header.sender.mRID} is not the verified sending party ${input.envelopeSender}`);
    }
    return undefined;
  },
};
