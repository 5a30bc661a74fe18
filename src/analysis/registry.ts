// Every rule podscope knows, in the order of RULES.md. A new rule is one file in rules/
// plus one line here.
import type { Rule } from './rule.js';
import { rule as barePod } from './rules/bare-pod.js';

export const ALL_RULES: readonly Rule[] = [barePod];

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
