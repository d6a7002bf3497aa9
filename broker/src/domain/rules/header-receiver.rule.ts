// A document addressed to another party must not be acted on by the core (F1: every message
// passes the platform, but the core only decides on what is addressed to it).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { HeaderInput } from '../inputs.js';

export const headerReceiverRule: Rule<HeaderInput, unknown> = {
  id: 'header.receiver-is-tps',
  order: 40,
  appliesTo: () => true,
  async validate(input) {
    if (!input.tpsParties.includes(input.header.receiver.mRID)) {
      return reject('A53', `receiver ${input.header.receiver.mRID} is not the TPS core`);
    }
    return undefined;
  },
};

