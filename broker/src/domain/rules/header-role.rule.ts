// Only DSOs send connection points, limits and status requests; only AGR/BRPs send assets and
// schedules (F4–F9 assign each message to one side).
import { reject } from '../types.js';
import type { Rule } from '../rule.js';
import type { HeaderInput } from '../inputs.js';
import { ROLES_BY_KIND } from '../roles.js';

export const headerRoleRule: Rule<HeaderInput, unknown> = {
  id: 'header.sender-role',
  order: 30,
  appliesTo: (input) => Object.hasOwn(ROLES_BY_KIND, input.kind),
  async validate(input) {
    const allowed = ROLES_BY_KIND[input.kind] ?? [];
    if (!allowed.includes(input.header.sender.role)) {
      return reject('A78', `role ${input.header.sender.role} may not send ${input.kind} documents (allowed: ${allowed.join(', ')})`);
    }
    return undefined;
  },
};
