// Validation as named rules (STYLE.md): each rule is small, has an id and a fixed order, looks
// things up only through a narrow support interface, and returns a Rejection (451-1 reason code +
// text) instead of throwing. The first failure wins; the handler turns it into a negative
// Acknowledgement and applies nothing.
import type { Rejection } from './types.js';

export interface Rule<Input, Support> {
  readonly id: string;
  readonly order: number;
  appliesTo(input: Input): boolean;
  validate(input: Input, support: Support): Promise<Rejection | undefined>;
}

export async function runRules<Input, Support>(
  rules: readonly Rule<Input, Support>[],
  input: Input,
  support: Support,
): Promise<(Rejection & { rule: string }) | undefined> {
  const ordered = [...rules].sort((a, b) => a.order - b.order);
  for (const rule of ordered) {
    if (!rule.appliesTo(input)) continue;
    const rejection = await rule.validate(input, support);
    if (rejection) return { ...rejection, rule: rule.id };
  }
  return undefined;
}
