// The top line of every screen: where you are (context, namespace), how many pods, whether
// the data is live, and the cluster's findings at a glance.
import { Box, Text } from 'ink';
import type { SyncState } from '../../model/store-view.js';
import type { FindingsSummary } from '../app-context.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { severityGlyph } from '../theme/severity.js';
import { syncText, syncTone } from './sync-text.js';
import { sanitize } from '../../model/sanitize.js';
import { displayWidth, truncateToWidth } from '../components/cell-text.js';
import { formatCount } from '../../model/format.js';

export interface HeaderProps {
  width: number;
  context: string;
  namespace: string | undefined;
  pods: number;
  sync: SyncState;
  summary?: FindingsSummary;
  overlay: boolean;
}

type Part = { text: string; tone?: Parameters<typeof colorOf>[1]; bold?: boolean };

/**
 * The header's parts, from the fullest to the most compact: on a narrow terminal what an
 * on-call engineer needs (sync state, findings, namespace) outlasts the name and the context.
 */
export function headerParts(p: Omit<HeaderProps, 'width'>, level: 0 | 1 | 2 | 3): Part[] {
  const parts: Part[] = [];
  if (level === 0) parts.push({ text: 'podscope', tone: 'accent', bold: true });
  if (level <= 2) parts.push({ text: `${parts.length ? '  ' : ''}ctx:${sanitize(p.context, level === 2 ? 12 : 40)}` });
  parts.push({ text: `${parts.length ? '  ' : ''}ns:${p.namespace === undefined ? 'all' : sanitize(p.namespace, level >= 2 ? 16 : 40)}` });
  parts.push({ text: `  ${level === 3 ? '' : 'pods:'}${formatCount(p.pods)}` });
  parts.push({ text: `  ${syncText(p.sync)}`, tone: syncTone(p.sync) });
  const gap = level === 3 ? '' : ' ';
  if (p.summary && p.overlay) {
    parts.push({ text: '  ' });
    parts.push({ text: `${severityGlyph('error')}${gap}${p.summary.error}`, tone: 'error' });
    parts.push({ text: ` ${severityGlyph('warning')}${gap}${p.summary.warning}`, tone: 'warning' });
    parts.push({ text: ` ${severityGlyph('info')}${gap}${p.summary.info}`, tone: 'info' });
  } else if (!p.overlay) {
    parts.push({ text: level === 3 ? '  advice off' : '  advice hidden (a)', tone: 'muted' });
  }
  return parts;
}

const partsWidth = (parts: Part[]) => parts.reduce((w, part) => w + displayWidth(part.text), 0);

export function Header(p: HeaderProps) {
  const theme = useTheme();
  let parts = headerParts(p, 0);
  for (const level of [1, 2, 3] as const) {
    if (partsWidth(parts) <= p.width) break;
    parts = headerParts(p, level);
  }
  // Cut from the right so the line never wraps.
  let left = p.width;
  const shown = [];
  for (const part of parts) {
    if (left <= 0) break;
    const text = truncateToWidth(part.text, left);
    left -= displayWidth(text);
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
