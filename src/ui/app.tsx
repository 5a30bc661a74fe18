// The app shell: header, the current view, footer; the route stack; the command line, the
// help screen and the advice overlay; the one key dispatcher. The frame is exactly
// rows-1 lines (a frame as tall as the terminal makes Ink clear the screen every time).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box } from 'ink';
import type { AppContext, Route } from './app-context.js';
import type { Binding } from './keys/keymap.js';
import type { AppProps } from './shell/app-props.js';
import { ThemeContext, type Theme } from './theme/theme.js';
import { KeyRouter } from './keys/KeyRouter.js';
import { ViewActivityContext } from './keys/dispatcher.js';
import { findBinding } from './keys/keymap.js';
import { editLine } from './keys/line-edit.js';
import { Header } from './header/Header.js';
import { Footer } from './shell/Footer.js';
import { HelpView, helpLines } from './shell/HelpView.js';
import { globalBindings } from './shell/global-bindings.js';
import { parseCommand } from './shell/commands.js';
import { renderRoute, routeTitle } from './shell/routes.js';
import { useTerminalSize } from './shell/use-terminal-size.js';
import { useStoreVersion } from './shell/use-store-version.js';
import { useFindingsSummary } from './shell/use-findings-summary.js';
import { PodsView } from './pods/PodsView.js';
import { ViewBoundary } from './shell/ViewBoundary.js';
import { sanitize } from '../model/sanitize.js';
import { RowPainterContext } from './components/row-painter.js';

export type { AppProps } from './shell/app-props.js';
export { RowPainter } from './components/row-painter.js';

type Modal = { kind: 'none' } | { kind: 'command'; text: string } | { kind: 'help'; scroll: number };

const MESSAGE_MS = 5000;
const CLOCK_MS = 2000;

export function App(props: AppProps) {
  const terminal = useTerminalSize();
  const size = props.size ?? terminal;
  const version = useStoreVersion(props.store, props.repaintMs ?? 250);
  const now = props.now ?? Date.now;

  // Routing and modals live in refs, mirrored into state for rendering: keys of one input
  // chunk are handled one after another before React re-renders.
  const stack = useRef<Route[]>([{ view: 'pods' }]);
  const modal = useRef<Modal>({ kind: 'none' });
  const [, rerender] = useState(0);
  const refresh = useCallback(() => rerender((v) => v + 1), []);

  const [overlay, setOverlay] = useState(true);
  const [theme, setTheme] = useState<Theme>(props.theme);
  const [namespace, setNamespace] = useState<string | undefined>(props.session?.namespace);
  const [contextName, setContextName] = useState(props.session?.contextName ?? '');
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'info' } | undefined>();
  const messageTimer = useRef<NodeJS.Timeout | undefined>(undefined);
  const viewBindings = useRef<Binding[]>([]);
  // Background work (the header's findings summary) waits while keys arrive.
  const lastKeyAt = useRef(Number.NEGATIVE_INFINITY);
  const sinceLastKey = useCallback(() => performance.now() - lastKeyAt.current, []);

  // A slow clock: ages and restart times move on screen.
  useEffect(() => {
    const timer = setInterval(refresh, CLOCK_MS);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [refresh]);

  const flash = useCallback((text: string, tone: 'error' | 'info' = 'info') => {
    setMessage({ text: sanitize(text, 300), tone });
    if (messageTimer.current) clearTimeout(messageTimer.current);
    messageTimer.current = setTimeout(() => setMessage(undefined), MESSAGE_MS);
    messageTimer.current.unref?.();
  }, []);

  const nav = useMemo(
    () => ({
      push(route: Route) {
        stack.current = [...stack.current, route];
        refresh();
      },
      pop() {
        if (stack.current.length > 1) stack.current = stack.current.slice(0, -1);
        refresh();
      },
    }),
    [refresh],
  );

  const ctx: AppContext = useMemo(
    () => ({
      store: props.store,
      analysis: props.analysis,
      api: props.api,
      overlay,
      now,
      nav,
      setBindings(b: Binding[]) {
        if (viewBindings.current === b) return;
        viewBindings.current = b;
        refresh();
      },
    }),
    [props.store, props.analysis, props.api, overlay, now, nav, refresh],
  );

  const quit = (code: number) => props.onExit(code);

  const runCommand = (text: string) => {
    const cmd = parseCommand(text);
    if ('error' in cmd) return flash(cmd.error, 'error');
    const session = props.session;
    switch (cmd.name) {
      case 'quit':
        return quit(0);
      case 'help':
        modal.current = { kind: 'help', scroll: 0 };
        return refresh();
      case 'pods':
        stack.current = [{ view: 'pods' }];
        return refresh();
      case 'advice': {
        // Inside a pod (its view, a container, its logs or YAML): that pod's advice.
        const here = stack.current[stack.current.length - 1];
        const podKey = !cmd.all && 'key' in here && (here.view !== 'yaml' || here.kind === 'pods') ? here.key : undefined;
        return nav.push(podKey ? { view: 'advice', key: podKey } : { view: 'advice' });
      }
      case 'theme':
        try {
          const next = props.loadTheme ? props.loadTheme(cmd.theme) : undefined;
          if (!next) return flash('themes cannot be changed here', 'error');
          setTheme(next);
          return flash(`theme ${next.name}`);
        } catch (e) {
          return flash((e as Error).message, 'error');
        }
      case 'ns': {
        const target = cmd.namespace === 'all' ? undefined : cmd.namespace;
        stack.current = [{ view: 'pods' }];
        if (!session) {
          setNamespace(target);
          return refresh();
        }
        flash(`switching to ${target ? `namespace ${target}` : 'all namespaces'}…`);
        session.switchNamespace(cmd.namespace).then(
          () => {
            setNamespace(session.namespace);
            flash(`namespace: ${session.namespace ?? 'all'}`);
          },
          (e: Error) => flash(e.message, 'error'),
        );
        return refresh();
      }
      case 'ctx': {
        if (!session) return flash('no cluster session to switch', 'error');
        const known = session.contexts();
        if (!known.includes(cmd.context)) {
          return flash(`unknown context "${cmd.context}"; contexts: ${known.join(', ')}`, 'error');
        }
        stack.current = [{ view: 'pods' }];
        flash(`switching to context ${cmd.context}…`);
        session.switchContext(cmd.context).then(
          () => {
            setContextName(session.contextName);
            setNamespace(session.namespace);
            flash(`context: ${session.contextName}`);
          },
          (e: Error) => flash(e.message, 'error'),
        );
        return refresh();
      }
    }
  };

  /** Keys the shell takes before any view: ctrl+c and its own modals. */
  const before = (name: string): boolean => {
    lastKeyAt.current = performance.now();
    if (name === 'ctrl+c') {
      quit(0);
      return true;
    }
    const m = modal.current;
    if (m.kind === 'command') {
      const r = editLine(m.text, name);
      if (r.done === 'submit') {
        modal.current = { kind: 'none' };
        runCommand(r.value);
      } else if (r.done === 'cancel') {
        modal.current = { kind: 'none' };
      } else {
        modal.current = { kind: 'command', text: r.value };
      }
      refresh();
      return true;
    }
    if (m.kind === 'help') {
      if (name === 'q') {
        quit(0);
        return true;
      }
      if (name === 'esc' || name === '?') modal.current = { kind: 'none' };
      else if (name === 'j' || name === 'down') modal.current = { kind: 'help', scroll: m.scroll + 1 };
      else if (name === 'k' || name === 'up') modal.current = { kind: 'help', scroll: Math.max(0, m.scroll - 1) };
      refresh();
      return true;
    }
    return false;
  };

  /** Global keys, for keys the view did not bind. */
  const after = (name: string) => {
    const binding = findBinding(globalBindings, name);
    if (!binding) return;
    switch (binding.command) {
      case 'command':
        modal.current = { kind: 'command', text: '' };
        setMessage(undefined);
        return refresh();
      case 'help':
        modal.current = { kind: 'help', scroll: 0 };
        return refresh();
      case 'overlay':
        return setOverlay((o) => !o);
      case 'back':
        return nav.pop();
      case 'quit':
        return quit(0);
    }
  };

  const width = Math.max(1, size.columns);
  const frameHeight = Math.max(3, size.rows - 1);
  const bodyHeight = frameHeight - 2;
  const top = stack.current[stack.current.length - 1];
  const depth = stack.current.length;
  const m = modal.current;
  const onPods = top.view === 'pods';

  const summary = useFindingsSummary(props.store, props.analysis, version, undefined, sinceLastKey);

  // Asked per key (see ViewActivityContext): the stack and modal refs are current even
  // before React re-renders after a push or pop.
  const podsOnTop = useCallback(() => stack.current.length === 1 && modal.current.kind === 'none', []);
  const routeOnTop = useMemo(() => {
    const at = depth;
    return () => stack.current.length === at && modal.current.kind === 'none';
  }, [depth]);

  const helpFor = helpLines(`${routeTitle(top)} view`, viewBindings.current, globalBindings);
  const views = (
    <>
      <Box display={onPods && m.kind !== 'help' ? 'flex' : 'none'} width={width} height={bodyHeight}>
        <ViewBoundary width={width} height={bodyHeight}>
          <ViewActivityContext.Provider value={podsOnTop}>
          <PodsView
            ctx={ctx}
            width={width}
            height={bodyHeight}
            active={onPods && m.kind === 'none'}
            namespace={namespace}
            initialFilter={props.selector ? `-l ${props.selector}` : undefined}
          />
          </ViewActivityContext.Provider>
        </ViewBoundary>
      </Box>
      {!onPods ? (
        <Box key={depth} display={m.kind !== 'help' ? 'flex' : 'none'} width={width} height={bodyHeight}>
          <ViewBoundary width={width} height={bodyHeight}>
            <ViewActivityContext.Provider value={routeOnTop}>
              {renderRoute(top, { ctx, width, height: bodyHeight, active: m.kind === 'none' })}
            </ViewActivityContext.Provider>
          </ViewBoundary>
        </Box>
      ) : null}
    </>
  );

  return (
    <ThemeContext.Provider value={theme}>
      <RowPainterContext.Provider value={props.painter}>
        <KeyRouter before={before} after={after}>
          <Box flexDirection="column" width={width} height={frameHeight}>
            <Header
              width={width}
              context={contextName}
              namespace={namespace}
              pods={props.store.list('pods').length}
              sync={props.store.state('pods')}
              summary={summary}
              overlay={overlay}
            />
            <Box flexDirection="column" width={width} height={bodyHeight}>
              {m.kind === 'help' ? <HelpView width={width} height={bodyHeight} lines={helpFor} scroll={m.scroll} /> : null}
              {views}
            </Box>
            <Footer
              width={width}
              command={m.kind === 'command' ? m.text : undefined}
              message={message}
              bindings={[...globalBindings.filter((b) => b.command === 'help' || b.command === 'command'), ...viewBindings.current]}
            />
          </Box>
        </KeyRouter>
      </RowPainterContext.Provider>
    </ThemeContext.Provider>
  );
}
