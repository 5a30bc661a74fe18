// An object as YAML lines for the YAML view: managedFields hidden unless asked for, every
// line sanitised (a label value may hold an escape sequence; the yaml package quotes control
// characters, but bidi overrides and C1 controls pass through).
import { stringify } from 'yaml';
import type { KubeObject } from '../../model/kube.js';
import { sanitize } from '../../model/sanitize.js';

export function objectYamlLines(obj: KubeObject, showManagedFields: boolean): string[] {
  let shown: unknown = obj;
  const meta = obj.metadata as Record<string, unknown> | undefined;
  if (!showManagedFields && meta && typeof meta === 'object' && 'managedFields' in meta) {
    const { managedFields: _hidden, ...rest } = meta;
    shown = { ...obj, metadata: rest };
  }
  let text: string;
  try {
    text = stringify(shown, { lineWidth: 0 });
  } catch (e) {
    return [`cannot show this object as YAML: ${sanitize((e as Error).message, 200)}`];
  }
  const lines = text.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = sanitize(lines[i]);
  return lines;
}
