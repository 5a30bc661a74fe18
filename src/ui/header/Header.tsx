// The top line of every screen: where you are (context, namespace), how many pods, whether
// the data is live, and the cluster's findings at a glance.
import { Box, Text } from 'ink';
import type { SyncState } from '../../model/store-view.js';
import type { FindingsSummary } from '../app-context.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { severityGlyph } from '../theme/severity.js';
import { syncText, syncTone } from './sync-text.js';
import { sanitize } from '../../model/sanitize.js';
import { truncateToWidth } from '../components/cell-text.js';

export interface HeaderProps {
  width: number;
  context: string;
  namespace: string | undefined;
  pods: number;
  sync: SyncState;
  summary?: FindingsSummary;
  overlay: boolean;
}

export function Header(p: HeaderProps) {
  const theme = useTheme();
  const parts: { text: string; tone?: Parameters<typeof colorOf>[1]; bold?: boolean }[] = [
    { text: 'podscope', tone: 'accent', bold: true },
    { text: `  ctx:${sanitize(p.context, 40)}` },
    { text: `  ns:${p.namespace === undefined ? 'all' : sanitize(p.namespace, 40)}` },
    { text: `  pods:${p.pods.toLocaleString('en-US')}` },
    { text: `  ${syncText(p.sync)}`, tone: syncTone(p.sync) },
  ];
  if (p.summary && p.overlay) {
    parts.push({ text: '  ' });
    parts.push({ text: `${severityGlyph('error')} ${p.summary.error}`, tone: 'error' });
    parts.push({ text: ` ${severityGlyph('warning')} ${p.summary.warning}`, tone: 'warning' });
    parts.push({ text: ` ${severityGlyph('info')} ${p.summary.info}`, tone: 'info' });
  } else if (!p.overlay) {
    parts.push({ text: '  advice hidden (a)', tone: 'muted' });
  }
  // Cut from the right so the line never wraps.
  let left = p.width;
  const shown = [];
  for (const part of parts) {
    if (left <= 0) break;
    const text = truncateToWidth(part.text, left);
    left -= text.length;
    shown.push({ ...part, text });
  }
  return (
    <Box width={p.width} height={1}>
      <Text wrap="truncate" color={colorOf(theme, 'text')}>
        {shown.map((part, i) => (
          <Text key={i} bold={part.bold} color={part.tone ? colorOf(theme, part.tone) : undefined}>
            {part.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
