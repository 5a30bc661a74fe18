// `podscope` without a subcommand: open the cluster, start the live analysis, and run the
// TUI full screen until `q`, ctrl+c or a signal. Errors the user can fix (kubeconfig,
// context, theme) are one line on stderr and exit 2, with the terminal untouched.
import { tuneHeapForTui, tuneHeapToActivity } from './heap-tuning.js';
import { createElement } from 'react';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadTheme, initialThemeName, ThemeError } from '../ui/theme/load-theme.js';
import { TerminalScreen, installExitHandlers } from '../ui/terminal.js';
import { openCluster, type ClusterSession } from '../cluster/session.js';
import { UserError } from '../cluster/errors.js';
import { LiveAnalysis } from '../analysis/engine.js';
import { parseSilenceConfig, type SilenceConfig } from '../analysis/silence.js';
import type { LogsApi } from '../ui/app-context.js';
import type { Theme } from '../ui/theme/theme.js';
import type { StoreView } from '../model/store-view.js';

export interface TuiOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  theme?: string;
  /** An already open ClusterSession (the demo command); it is closed on exit like our own. */
  session?: unknown;
}

function isSession(value: unknown): value is ClusterSession {
  return !!value && typeof value === 'object' && 'store' in value && 'api' in value && 'switchNamespace' in value;
}

/**
 * Ink (with React's renderer) and the views: about half of the start-up's module loading. They are
 * loaded after the cluster's first requests are sent, so the two overlap (P1: first pod row
 * on screen from process start).
 */
function loadUi() {
  return Promise.all([import('ink'), import('../ui/app.js')]);
}

/** $XDG_CONFIG_HOME/podscope/config.yaml, when there is one: silenced findings. */
function loadSilence(env: NodeJS.ProcessEnv): SilenceConfig | undefined {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  const file = join(base, 'podscope', 'config.yaml');
  if (!existsSync(file)) return undefined;
  try {
    return parseSilenceConfig(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export async function runTui(opts: TuiOptions): Promise<number> {
  const stderr = process.stderr;
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    stderr.write('podscope needs a terminal; for scripts use `podscope analyze`\n');
    return 2;
  }

  tuneHeapForTui();

  let theme: Theme;
  let silence: SilenceConfig | undefined;
  let session: ClusterSession;
  try {
    theme = loadTheme(initialThemeName(opts.theme));
    silence = loadSilence(process.env);
    session = isSession(opts.session)
      ? opts.session
      : await openCluster({
          kubeconfig: opts.kubeconfig,
          context: opts.context,
          namespace: opts.namespace,
          allNamespaces: opts.allNamespaces,
          labelSelector: opts.selector,
        });
  } catch (e) {
    if (e instanceof UserError || e instanceof ThemeError) {
      stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }

  const ui = loadUi();
  // The first frame before the rest of the lists: only the pods' first page is asked for
  // until it is on screen (ClusterSession.holdUntil).
  let painted!: () => void;
  session.holdUntil?.(new Promise<void>((resolve) => (painted = resolve)));
  const analysis = new LiveAnalysis(session.store, { silence });
  const unsubscribeAnalysis = session.store.subscribe((batch) => analysis.onBatch(batch));
  const untuneHeap = tuneHeapToActivity(session.store);
  // The session makes a new API client on a context switch: always ask it for the current one.
  const api: LogsApi = {
    podLogs: (o, onChunk, signal) => session.api.podLogs(o, onChunk, signal),
    // The full object, managedFields included (the store drops them): the YAML view's `m`.
    getObject: (kind, namespace, name, signal) => session.api.get(kind, namespace, name, signal),
  };

  let loaded: Awaited<typeof ui>;
  try {
    loaded = await ui;
  } catch (e) {
    painted();
    throw e;
  }
  const [{ render }, { App, RowPainter }] = loaded;
  // The Pods table's rows are written beside Ink (src/ui/components/row-painter.ts): Ink writes
  // through painter.wrap(stdout), which puts the rows back after each of its frames.
  const painter = new RowPainter((text) => process.stdout.write(text), process.stdout.isTTY === true);
  const screen = new TerminalScreen({ stdout: process.stdout, stdin: process.stdin });
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));
  let exiting = false;
  const exit = (code: number) => {
    if (exiting) return;
    exiting = true;
    finish(code);
  };
  let ink: ReturnType<typeof render> | undefined;
  const uninstall = installExitHandlers({
    onSignal: exit,
    // Unmount Ink before leaving the alternate screen: Ink also unmounts on process.exit (its
    // signal-exit hook) and writes its last frame then, which would land on the normal screen
    // over the crash line.
    restore: () => {
      try {
        painter.stop();
        ink?.unmount();
      } catch {
        // the crash may have come from inside Ink: restoring the terminal matters more
      }
      screen.restore();
    },
  });
  // The terminal went away (window closed): writes fail with EIO. Leave as for SIGHUP.
  const onStdoutError = () => exit(129);
  process.stdout.on('error', onStdoutError);

  screen.enter();
  // incrementalRendering stays off: broken in Ink 6.8 (log-update moves the cursor one line too few).
  // maxFps 60: Ink holds a frame that follows another within 1000/maxFps ms until then, and a
  // key pressed right after a repaint waited up to 33 ms at Ink's default of 30 (P3: 16 ms).
  // Store changes repaint at most 4 times a second whatever this is (P5: <= 30 frames/s).
  ink = render(
    createElement(App, {
      store: session.store,
      analysis,
      api,
      session,
      theme,
      loadTheme: (name: string) => loadTheme(name),
      onExit: exit,
      painter,
    }),
    { exitOnCtrlC: false, patchConsole: true, maxFps: 60, stdout: painter.wrap(process.stdout) },
  );
  // Ink wrote the first frame while mounting; the lists go on after this turn.
  setImmediate(painted);

  const code = await done;
  try {
    painter.stop();
    ink.unmount();
    ink.cleanup();
  } finally {
    painted();
    screen.restore();
    uninstall();
    process.stdout.off('error', onStdoutError);
    unsubscribeAnalysis();
    untuneHeap();
    await session.close().catch(() => undefined);
  }
  return code;
}
