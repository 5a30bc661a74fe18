// The YAML view: one object from the store as YAML, scrollable, managedFields behind `m`.
// The store drops managedFields (they are half of a pod's bytes), so `m` reads the object
// fresh from the API; where that cannot be done the stored object stays, with a note why.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import type { ResourceKind } from '../../model/kube.js';
import type { Binding } from '../keys/keymap.js';
import { useViewKeys } from '../keys/use-view-keys.js';
import { LinesBlock, seg, type Line } from '../pod/lines.js';
import { findingLine } from '../pod/overlay.js';
import type { Finding } from '../../analysis/types.js';
import { findingsByLine } from './yaml-findings.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';
import { KIND_INFO } from '../../model/kinds.js';
import type { KubeObject } from '../../model/kube.js';
import { hasManagedFields, objectYaml } from './yaml-text.js';

export const yamlBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'scroll down' },
  { keys: ['k', 'up'], command: 'up', description: 'scroll up' },
  { keys: ['pagedown', ' '], command: 'page-down', description: 'next page' },
  { keys: ['pageup'], command: 'page-up', description: 'previous page' },
  { keys: ['g', 'home'], command: 'top', description: 'top' },
  { keys: ['G', 'end'], command: 'bottom', description: 'bottom' },
  { keys: ['m'], command: 'managed-fields', description: 'show/hide metadata.managedFields' },
];

const NO_FINDINGS: Finding[] = [];

/** The YAML lines, each finding of the overlay under the line it is about, indented to match. */
function yamlRows(obj: KubeObject, managed: boolean, kind: ResourceKind, findings: readonly Finding[]): Line[] {
  const { text, lines } = objectYaml(obj, managed, kind);
  const byLine = findingsByLine(text, findings.filter((f) => !f.ignored), obj);
  const rows: Line[] = [];
  lines.forEach((l, i) => {
    rows.push([seg(l, 'text')]);
    for (const f of byLine.get(i) ?? []) rows.push(findingLine(f, `${/^[ -]*/.exec(l)![0].replace(/-/g, ' ')}  `));
  });
  return rows;
}

export interface YamlViewProps extends ViewProps {
  kind: ResourceKind;
  objectKey: string;
}

export function YamlView(props: YamlViewProps) {
  const { ctx, width, height, active } = props;
  const theme = useTheme();
  const [managed, setManaged] = useState(false);
  const top = useRef(0);
  const [, repaint] = useState(0);
  const fetched = useFullObject(ctx, props.kind, props.objectKey, managed);
  const stored = ctx.store.get(props.kind, props.objectKey);
  const obj = managed && fetched.obj ? fetched.obj : stored;
  const findings = props.kind === 'pods' && ctx.overlay ? ctx.analysis.findingsForPod(props.objectKey) : NO_FINDINGS;
  const lines = useMemo(() => (obj ? yamlRows(obj, managed, props.kind, findings) : []), [obj, managed, props.kind, findings]);
  const note = managed ? managedFieldsNote(fetched, obj) : undefined;
  const bodyHeight = Math.max(1, height - 1 - (note ? 1 : 0));
  const maxTop = Math.max(0, lines.length - bodyHeight);

  useEffect(() => {
    if (active) ctx.setBindings(yamlBindings);
  }, [active, ctx]);

  useViewKeys(
    yamlBindings,
    (command) => {
      const go = (to: number) => {
        top.current = Math.max(0, Math.min(to, maxTop));
        repaint((v) => v + 1);
      };
      switch (command) {
        case 'down':
          return go(top.current + 1);
        case 'up':
          return go(top.current - 1);
        case 'page-down':
          return go(top.current + bodyHeight);
        case 'page-up':
          return go(top.current - bodyHeight);
        case 'top':
          return go(0);
        case 'bottom':
          return go(maxTop);
        case 'managed-fields':
          return setManaged((m) => !m);
      }
    },
    active,
  );

  const title = `${KIND_INFO[props.kind]?.kind ?? props.kind} ${sanitize(props.objectKey)}  YAML${managed ? '  (managedFields on: m hides)' : ''}${
    obj ? `  ${Math.min(top.current + 1, lines.length)}-${Math.min(top.current + bodyHeight, lines.length)}/${lines.length}` : ''
  }`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth(title, width)}
      </Text>
      {note ? (
        <Text color={colorOf(theme, note.tone)} wrap="truncate">
          {fitToWidth(note.text, width)}
        </Text>
      ) : null}
      {obj ? (
        <LinesBlock lines={lines.slice(Math.min(top.current, maxTop), Math.min(top.current, maxTop) + bodyHeight)} width={width} height={bodyHeight} />
      ) : (
        <Text color={colorOf(theme, 'muted')}>{fitToWidth('this object is gone from the cluster', width)}</Text>
      )}
    </Box>
  );
}

type FullObject = { state: 'idle' | 'loading' | 'unavailable' } | { state: 'done'; obj: KubeObject } | { state: 'failed'; error: string };

/** Reads the object from the API while `wanted` (managedFields on); aborted when toggled off or closed. */
function useFullObject(ctx: ViewProps['ctx'], kind: YamlViewProps['kind'], key: string, wanted: boolean): FullObject & { obj?: KubeObject } {
  const [result, setResult] = useState<FullObject>({ state: 'idle' });
  const api = ctx.api;
  useEffect(() => {
    if (!wanted) return setResult({ state: 'idle' });
    if (!api?.getObject) return setResult({ state: 'unavailable' });
    const slash = key.indexOf('/');
    const namespace = KIND_INFO[kind]?.namespaced && slash >= 0 ? key.slice(0, slash) : undefined;
    const name = namespace !== undefined ? key.slice(slash + 1) : key;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    api.getObject(kind, namespace, name, controller.signal).then(
      (obj) => {
        if (!controller.signal.aborted) setResult(obj && typeof obj === 'object' ? { state: 'done', obj } : { state: 'failed', error: 'the API returned no object' });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setResult({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => controller.abort();
  }, [wanted, api, kind, key]);
  return result;
}

/** The line under the title while managedFields are asked for: where they come from, or why not. */
export function managedFieldsNote(fetched: FullObject, shown: KubeObject | undefined): { text: string; tone: 'muted' | 'warning' } | undefined {
  switch (fetched.state) {
    case 'loading':
      return { text: 'reading managedFields from the API…', tone: 'muted' };
    case 'unavailable':
      return { text: 'stored object shown: managedFields are not kept in memory, and no API can read them here', tone: 'warning' };
    case 'failed':
      return { text: `stored object shown: could not read managedFields: ${sanitize(fetched.error.split('\n')[0], 160)}`, tone: 'warning' };
    case 'done':
      return hasManagedFields(shown) ? { text: 'as read from the API just now (managedFields included)', tone: 'muted' } : { text: 'this object has no managedFields', tone: 'muted' };
  }
  return undefined;
}
