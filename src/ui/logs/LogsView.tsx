// The Logs view: one container's log, followed live (or the previous instance's), with
// timestamps, wrap and search. The stream is aborted when the view closes or its options
// change. Every line is sanitised: a log line must never drive the terminal (SPEC R6).
import { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import type { ViewProps } from '../app-context.js';
import type { Binding } from '../keys/keymap.js';
import { useKeyCapture, useViewKeys } from '../keys/use-view-keys.js';
import { editLine } from '../keys/line-edit.js';
import { wrapLine } from '../components/ScrollText.js';
import { colorOf, useTheme } from '../theme/theme.js';
import { fitToWidth } from '../components/cell-text.js';
import { sanitize } from '../../model/sanitize.js';
import { LogBuffer, searchLines } from './log-buffer.js';
import { emptyLogHint, logFindings } from './log-context.js';
import { findingLine } from '../pod/overlay.js';
import { LineView } from '../pod/lines.js';
import type { Pod } from '../../model/kube.js';
import { formatCount } from '../../model/format.js';

export const logsBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'scroll down' },
  { keys: ['k', 'up'], command: 'up', description: 'scroll up' },
  { keys: ['pagedown'], command: 'page-down', description: 'next page' },
  { keys: ['pageup'], command: 'page-up', description: 'previous page' },
  { keys: ['g', 'home'], command: 'top', description: 'oldest line' },
  { keys: ['G', 'end'], command: 'bottom', description: 'newest line, and stay there' },
  { keys: ['f'], command: 'follow', description: 'follow new lines on/off' },
  { keys: ['p'], command: 'previous', description: 'previous instance on/off' },
  { keys: ['t'], command: 'timestamps', description: 'timestamps on/off' },
  { keys: ['T'], command: 'tail', description: 'tail: the last 100, 1,000 or 10,000 lines', hint: 'tail' },
  { keys: ['w'], command: 'wrap', description: 'wrap long lines on/off' },
  { keys: ['/'], command: 'search', description: 'search' },
  { keys: ['n'], command: 'next-hit', description: 'next search hit' },
  { keys: ['N'], command: 'previous-hit', description: 'previous search hit' },
  { keys: ['esc'], command: 'escape', description: 'clear the search; else back' },
];

export interface LogsViewProps extends ViewProps {
  podKey: string;
  container: string;
  previous?: boolean;
  /** Lines asked for when the stream starts. */
  tailLines?: number;
}

const REPAINT_MS = 100;
/** The tail lengths `T` steps through; the buffer keeps 10,000 lines at most anyway. */
const TAILS = [100, 1000, 10_000];

export function LogsView(props: LogsViewProps) {
  const { ctx, width, height, active } = props;
  const theme = useTheme();
  const [, repaint] = useState(0);
  const [opts, setOpts] = useState({ follow: !props.previous, previous: !!props.previous, timestamps: false, tail: props.tailLines ?? 1000 });
  const [wrap, setWrap] = useState(false);
  const buffer = useRef(new LogBuffer());
  const status = useRef<{ text: string; tone: 'muted' | 'error' | 'ok' }>({ text: 'connecting…', tone: 'muted' });
  // bottom: the last line shown, or undefined to stick to the newest line.
  const view = useRef<{ bottom: number | undefined }>({ bottom: undefined });
  const search = useRef({ editing: false, text: '', hit: -1 });

  const slash = props.podKey.indexOf('/');
  const namespace = slash >= 0 ? props.podKey.slice(0, slash) : '';
  const pod = slash >= 0 ? props.podKey.slice(slash + 1) : props.podKey;

  useEffect(() => {
    const api = ctx.api;
    buffer.current.clear();
    view.current.bottom = undefined;
    if (!api) {
      status.current = { text: 'logs are not available here', tone: 'error' };
      repaint((v) => v + 1);
      return;
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        repaint((v) => v + 1);
      }, REPAINT_MS);
    };
    status.current = { text: opts.follow ? 'following' : 'loading…', tone: 'muted' };
    api
      .podLogs(
        { namespace, pod, container: props.container, follow: opts.follow, previous: opts.previous, timestamps: opts.timestamps, tailLines: opts.tail },
        (chunk) => {
          buffer.current.append(chunk);
          schedule();
        },
        controller.signal,
      )
      .then(
        () => {
          if (controller.signal.aborted) return;
          status.current = { text: opts.follow ? 'stream ended' : 'end of log', tone: 'muted' };
          schedule();
        },
        (e: Error) => {
          if (controller.signal.aborted) return;
          status.current = { text: sanitize(e.message.split('\n')[0], 200), tone: 'error' };
          schedule();
        },
      );
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [ctx.api, namespace, pod, props.container, opts.follow, opts.previous, opts.timestamps, opts.tail]);

  useEffect(() => {
    if (active) ctx.setBindings(logsBindings);
  }, [active, ctx]);

  const lines = buffer.current.all();
  // The overlay: findings that explain this log (crash-loop, port-conflict…), under the title.
  const findings = logFindings(ctx.analysis.findingsForPod(props.podKey), props.container, ctx.overlay);
  // Two lines at most, one on a small terminal: the log is what the user came for.
  const overlayLines = findings.slice(0, height >= 16 ? 2 : height >= 7 ? 1 : 0);
  const bodyHeight = Math.max(1, height - 2 - overlayLines.length);
  const last = lines.length - 1;
  const bottom = Math.max(0, Math.min(view.current.bottom ?? last, last));
  const hits = searchLines(lines, search.current.text);

  const moveTo = (to: number) => {
    view.current.bottom = to >= last ? undefined : Math.max(Math.min(bodyHeight - 1, last), to);
    repaint((v) => v + 1);
  };
  const jumpToHit = (dir: 1 | -1) => {
    if (hits.length === 0) return;
    const from = view.current.bottom ?? last;
    const next = dir > 0 ? hits.find((h) => h > from) ?? hits[0] : [...hits].reverse().find((h) => h < from) ?? hits[hits.length - 1];
    search.current.hit = next;
    moveTo(next);
  };

  useViewKeys(
    logsBindings,
    (command) => {
      if (search.current.editing) return;
      switch (command) {
        case 'down':
          return moveTo(bottom + 1);
        case 'up':
          return moveTo(bottom - 1);
        case 'page-down':
          return moveTo(bottom + bodyHeight);
        case 'page-up':
          return moveTo(bottom - bodyHeight);
        case 'top':
          return moveTo(0);
        case 'bottom':
          return moveTo(last);
        case 'follow':
          return setOpts((o) => ({ ...o, follow: !o.follow && !o.previous }));
        case 'previous':
          return setOpts((o) => ({ ...o, previous: !o.previous, follow: o.previous }));
        case 'timestamps':
          return setOpts((o) => ({ ...o, timestamps: !o.timestamps }));
        case 'tail':
          return setOpts((o) => ({ ...o, tail: TAILS[(TAILS.indexOf(o.tail) + 1) % TAILS.length] }));
        case 'wrap':
          return setWrap((w) => !w);
        case 'search':
          search.current = { editing: true, text: '', hit: -1 };
          return repaint((v) => v + 1);
        case 'next-hit':
          return jumpToHit(1);
        case 'previous-hit':
          return jumpToHit(-1);
        case 'escape':
          if (search.current.text) {
            search.current = { editing: false, text: '', hit: -1 };
            return repaint((v) => v + 1);
          }
          return ctx.nav.pop();
      }
    },
    active,
  );

  useKeyCapture(
    (name) => {
      const r = editLine(search.current.text, name);
      search.current.text = r.value;
      if (r.done === 'cancel') search.current = { editing: false, text: '', hit: -1 };
      if (r.done === 'submit') {
        search.current.editing = false;
        jumpToHit(-1);
      }
      repaint((v) => v + 1);
      return true;
    },
    () => active && search.current.editing,
  );

  // The rows on screen, bottom-up from `bottom`, wrapped or cut.
  const rows: { text: string; line: number }[] = [];
  for (let i = Math.min(bottom, last); i >= 0 && rows.length < bodyHeight; i--) {
    const pieces = wrap ? wrapLine(lines[i], width) : [lines[i]];
    for (let p = pieces.length - 1; p >= 0 && rows.length < bodyHeight; p--) rows.unshift({ text: pieces[p], line: i });
  }
  const hitSet = new Set(hits);

  const flags = [opts.previous ? 'previous' : opts.follow ? 'follow' : 'no follow', `last ${formatCount(opts.tail)}`, opts.timestamps ? 'timestamps' : '', wrap ? 'wrap' : '']
    .filter(Boolean)
    .join(' · ');
  const title = `Logs ${sanitize(props.podKey)} [${sanitize(props.container)}]  ${flags}  ${lines.length} lines${
    buffer.current.dropped ? ` (oldest ${buffer.current.dropped} dropped)` : ''
  }`;
  const footer = search.current.editing
    ? `/${sanitize(search.current.text)}▏`
    : search.current.text
      ? `/${sanitize(search.current.text)}  ${hits.length} hit${hits.length === 1 ? '' : 's'} (n/N)`
      : `${status.current.text}${view.current.bottom !== undefined ? '  (scrolled: G to follow)' : ''}`;

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={colorOf(theme, 'accent')} wrap="truncate">
        {fitToWidth(title, width)}
      </Text>
      {overlayLines.map((f, i) => (
        <LineView key={`f${i}`} line={findingLine(f, '')} width={width} />
      ))}
      <Box flexDirection="column" width={width} height={bodyHeight}>
        {rows.length === 0 && status.current.tone !== 'error' && !/…$/.test(status.current.text) ? (
          <Text color={colorOf(theme, 'muted')} wrap="truncate">
            {fitToWidth(emptyLogHint(ctx.store.get('pods', props.podKey) as Pod | undefined, props.container, opts.previous), width)}
          </Text>
        ) : null}
        {rows.map((r, i) => (
          <Text key={i} wrap="truncate" inverse={hitSet.has(r.line)} color={colorOf(theme, 'text')}>
            {fitToWidth(r.text, width)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" color={colorOf(theme, search.current.editing || search.current.text ? 'accent' : status.current.tone)}>
        {fitToWidth(footer, width)}
      </Text>
    </Box>
  );
}
