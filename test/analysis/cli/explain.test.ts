import { describe, expect, it } from 'vitest';
import { explainText, runExplain } from '../../../src/cli/explain.js';
import { ALL_RULES } from '../../../src/analysis/registry.js';
import { RULE_IDS } from '../../../src/analysis/types.js';
import { captureIo } from './io.js';

describe('explain', () => {
  it('every rule id has an explain text with every section', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of ALL_RULES) {
      const text = explainText(rule.id)!;
      expect(text.startsWith(`${rule.id}: ${rule.title}\nseverity: ${rule.severity}`)).toBe(true);
      for (const heading of ['Why', 'Fires when', 'Does not fire', 'Fix', 'Bad', 'Good']) {
        expect(text, `${rule.id} ${heading}`).toContain(`\n${heading}\n`);
      }
      for (const guard of rule.explain.guards) expect(text).toContain(`  - ${guard}`);
    }
  });

  it('prints the rule to stdout and exits 0', () => {
    const io = captureIo();
    expect(runExplain('crash-loop', io)).toBe(0);
    expect(io.out()).toContain('crash-loop: Container keeps crashing\nseverity: error; runtime rule');
    expect(io.out()).toContain('OOMKilled');
    expect(io.err()).toBe('');
  });

  it('an unknown rule lists the known ones on stderr and exits 2', () => {
    const io = captureIo();
    expect(runExplain('port-clash\x1b[2J', io)).toBe(2);
    expect(io.out()).toBe('');
    const err = io.err();
    expect(err).toMatch(/^podscope: unknown rule "port-clash\\x1b\[2J"; known rules: port-conflict, /);
    expect(err.split('\n')).toHaveLength(2);
    for (const id of RULE_IDS) expect(err).toContain(id);
  });
});
