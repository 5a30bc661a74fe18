// An object as YAML lines for the YAML view: apiVersion and kind first (list items and watch
// events come without them; kubectl shows them), managedFields hidden unless asked for, every
// line sanitised (a label value may hold an escape sequence; the yaml package quotes control
// characters, but bidi overrides and C1 controls pass through).
import { stringify } from 'yaml';
import type { KubeObject, ResourceKind } from '../../model/kube.js';
import { KIND_INFO } from '../../model/kinds.js';
import { sanitize } from '../../model/sanitize.js';

/** The object with apiVersion and kind leading, filled in from the resource when missing. */
function withTypeMeta(obj: KubeObject, resource: ResourceKind | undefined): Record<string, unknown> {
  const info = resource ? KIND_INFO[resource] : undefined;
  const { apiVersion, kind, ...rest } = obj as Record<string, unknown>;
  return {
    apiVersion: apiVersion ?? (info ? (info.group ? `${info.group}/${info.version}` : info.version) : undefined),
    kind: kind ?? info?.kind,
    ...rest,
  };
}

export function hasManagedFields(obj: KubeObject | undefined): boolean {
  const mf = (obj?.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  return Array.isArray(mf) && mf.length > 0;
}

export function objectYamlLines(obj: KubeObject, showManagedFields: boolean, resource?: ResourceKind): string[] {
  return objectYaml(obj, showManagedFields, resource).lines;
}

/** The YAML text as written (for finding where a path sits) and its lines, sanitised, as shown. */
export function objectYaml(obj: KubeObject, showManagedFields: boolean, resource?: ResourceKind): { text: string; lines: string[] } {
  const shown = withTypeMeta(obj, resource);
  const meta = shown.metadata as Record<string, unknown> | undefined;
  if (!showManagedFields && meta && typeof meta === 'object' && 'managedFields' in meta) {
    const { managedFields: _hidden, ...rest } = meta;
    shown.metadata = rest;
  }
  let text: string;
  try {
    text = stringify(shown, { lineWidth: 0 });
  } catch (e) {
    return { text: '', lines: [`cannot show this object as YAML: ${sanitize((e as Error).message, 200)}`] };
  }
  const lines = text.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = sanitize(lines[i]);
  return { text, lines };
}
