// `podscope explain RULE`: a rule's full text, from the rule file itself (one source of truth).
import { ALL_RULES, ruleById } from '../analysis/registry.js';
import { sanitize } from '../model/sanitize.js';

export interface ExplainIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const EXIT_USAGE = 2;

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

/** The explain text of one rule, or undefined for an unknown id. */
export function explainText(id: string): string | undefined {
  const rule = ruleById(id);
  if (!rule) return undefined;
  const parts = [
    `${rule.id}: ${rule.title}`,
    `severity: ${rule.severity}${rule.runtime ? '; runtime rule: live clusters only (needs pod status), never on -f manifests' : ''}`,
    '',
    'Why',
    indent(rule.why),
    '',
    'Fires when',
    indent(rule.explain.fires),
    '',
    'Does not fire',
    ...rule.explain.guards.map((g) => `  - ${g}`),
    '',
    'Fix',
    indent(rule.fix),
    '',
    'Bad',
    indent(rule.explain.bad, '    '),
    '',
    'Good',
    indent(rule.explain.good, '    '),
    '',
    `Silence it: annotation podscope.io/ignore: "${rule.id}" (or "${rule.id}[CONTAINER]") on the pod or workload.`,
  ];
  return parts.join('\n') + '\n';
}

export function runExplain(rule: string, io: ExplainIo = { stdout: process.stdout, stderr: process.stderr }): number {
  const text = explainText(rule);
  if (text === undefined) {
    const known = ALL_RULES.map((r) => r.id).join(', ');
    io.stderr.write(`podscope: unknown rule "${sanitize(rule, 80)}"; known rules: ${known}\n`);
    return EXIT_USAGE;
  }
  // `podscope explain RULE | head`: a closed pipe is the reader being done, not an error to crash on.
  if (io.stdout.listenerCount('error') === 0) io.stdout.on('error', () => undefined);
  io.stdout.write(text);
  return 0;
}
