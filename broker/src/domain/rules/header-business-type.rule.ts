// The envelope's business type must name the document it carries, and the core must accept that
// kind inbound (an asset list or a grant is something the core sends, never receives).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { HeaderInput } from '../inputs.js';
import { ROLES_BY_KIND } from '../roles.js';

export const headerBusinessTypeRule: Rule<HeaderInput, unknown> = {
  id: 'header.business-type',
  order: 10,
  appliesTo: () => true,
  async validate(input) {
    if (input.businessType !== input.kind) {
      return reject('A62', `business type ${input.businessType} does not match the document (${input.kind})`);
    }
    if (!Object.hasOwn(ROLES_BY_KIND, input.kind)) return reject('A62', `the TPS core does not accept ${input.kind} documents`);
    return undefined;
  },
};
