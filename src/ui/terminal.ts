// Taking over the terminal and giving it back. Ink 6 has no alternate-screen option
// (FIELD-NOTES), so podscope switches to the alternate screen itself, hides the cursor, and
// makes sure every way out (quit, crash, signal) restores the screen, the cursor and
// cooked mode (echo on). SPEC R9.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR = '\x1b[2J\x1b[H';

export interface TerminalStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export class TerminalScreen {
  private active = false;

  constructor(private readonly io: TerminalStreams) {}

  /** Alternate screen, cleared, cursor hidden. */
  enter(): void {
    if (this.active) return;
    this.active = true;
    this.io.stdout.write(ENTER_ALT_SCREEN + CLEAR + HIDE_CURSOR);
  }

  /** Back to the normal screen with the cursor shown and echo on. Safe to call twice. */
  restore(): void {
    if (!this.active) return;
    this.active = false;
    try {
      if (this.io.stdin.isTTY && this.io.stdin.isRaw) this.io.stdin.setRawMode(false);
    } catch {
      // stdin already closed: nothing to restore there.
    }
    try {
      this.io.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    } catch {
      // stdout gone (terminal closed): nothing to restore.
    }
  }
}

/** Exit codes for signals: 128 + the signal number, as shells report them. */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export interface ExitHandlers {
  /** Called once with the exit code for a signal; should tear down and resolve the run. */
  onSignal(code: number): void;
  /** Restores the terminal before a crash report is printed. */
  restore(): void;
  stderr?: NodeJS.WritableStream;
  /** Where crash logs go (default: the OS temp folder). */
  logDir?: string;
}

/** Writes the full crash report to a file and returns its path (undefined when it cannot). */
export function writeCrashLog(err: unknown, logDir: string = tmpdir()): string | undefined {
  const file = join(logDir, `podscope-crash-${process.pid}-${Date.now()}.log`);
  const detail = err instanceof Error ? `${err.stack ?? err.message}` : String(err);
  try {
    writeFileSync(file, `podscope crashed at ${new Date().toISOString()}\n${detail}\n`);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * Installs signal and crash handlers for the life of the TUI; returns the uninstaller.
 * A crash restores the terminal, prints one line naming a log file with the stack, and
 * exits 1: the process state is unknown after an uncaught error, so it does not go on.
 */
export function installExitHandlers(h: ExitHandlers): () => void {
  const stderr = h.stderr ?? process.stderr;
  const signals = Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[];
  const onSignal = (sig: keyof typeof SIGNAL_EXIT) => h.onSignal(SIGNAL_EXIT[sig]);
  const handlers = signals.map((sig) => [sig, () => onSignal(sig)] as const);
  const onCrash = (err: unknown) => {
    h.restore();
    const log = writeCrashLog(err, h.logDir);
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
    stderr.write(`podscope crashed: ${first}${log ? ` (details in ${log})` : ''}\n`);
    process.exit(1);
  };
  for (const [sig, fn] of handlers) process.on(sig, fn);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    for (const [sig, fn] of handlers) process.off(sig, fn);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}
