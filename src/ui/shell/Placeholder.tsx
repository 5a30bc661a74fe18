// A screen for a route whose view is not built: says what it would show, and how to go back.
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';
import { useEffect } from 'react';
import { useViewKeys } from '../keys/use-view-keys.js';
import type { Binding } from '../keys/keymap.js';

const bindings: Binding[] = [{ keys: ['esc'], command: 'back', description: 'back' }];

export function Placeholder(props: ViewProps & { title: string; subject: string }) {
  const theme = useTheme();
  useEffect(() => {
    if (props.active) props.ctx.setBindings(bindings);
  }, [props.active, props.ctx]);
  useViewKeys(bindings, () => props.ctx.nav.pop(), props.active);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth(`${props.title}: ${sanitize(props.subject)}`, props.width)}
      </Text>
      <Text color={colorOf(theme, 'muted')} wrap="truncate">
        {fitToWidth('esc: back', props.width)}
      </Text>
    </Box>
  );
}
