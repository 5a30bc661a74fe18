// The YAML view: one object from the store as YAML, scrollable, managedFields behind `m`.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import type { ResourceKind } from '../../model/kube.js';
import type { Binding } from '../keys/keymap.js';
import { useViewKeys } from '../keys/use-view-keys.js';
import { ScrollText } from '../components/ScrollText.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';
import { KIND_INFO } from '../../model/kinds.js';
import { objectYamlLines } from './yaml-text.js';

export const yamlBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'scroll down' },
  { keys: ['k', 'up'], command: 'up', description: 'scroll up' },
  { keys: ['pagedown', ' '], command: 'page-down', description: 'next page' },
  { keys: ['pageup'], command: 'page-up', description: 'previous page' },
  { keys: ['g', 'home'], command: 'top', description: 'top' },
  { keys: ['G', 'end'], command: 'bottom', description: 'bottom' },
  { keys: ['m'], command: 'managed-fields', description: 'show/hide metadata.managedFields' },
];

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
  const obj = ctx.store.get(props.kind, props.objectKey);
  const lines = useMemo(() => (obj ? objectYamlLines(obj, managed) : []), [obj, managed]);
  const bodyHeight = Math.max(1, height - 1);
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

  const title = `${KIND_INFO[props.kind]?.kind ?? props.kind} ${sanitize(props.objectKey)}  YAML${managed ? '  (managedFields shown)' : ''}${
    obj ? `  ${Math.min(top.current + 1, lines.length)}-${Math.min(top.current + bodyHeight, lines.length)}/${lines.length}` : ''
  }`;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth(title, width)}
      </Text>
      {obj ? (
        <ScrollText lines={lines} top={top.current} width={width} height={bodyHeight} />
      ) : (
        <Text color={colorOf(theme, 'muted')}>{fitToWidth('this object is gone from the cluster', width)}</Text>
      )}
    </Box>
  );
}
