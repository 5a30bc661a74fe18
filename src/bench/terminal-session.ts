// A program running in a real pseudo-terminal, with a headless xterm parsing what it prints:
// what a person would see, readable by tests and by the benchmark. One session = one child.
import * as pty from 'node-pty';
import xterm from '@xterm/headless';
import { keyBytes } from './keys.js';

export interface TerminalOptions {
  command: string;
  args?: string[];
  cols?: number;
  rows?: number;
  /** Added to (and overriding) the parent's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

export interface ColourAttribute {
  mode: 'default' | 'palette' | 'rgb';
  /** Palette index 0–255 or 0xRRGGBB; 0 for default. */
  value: number;
}

export interface CellAttributes {
  char: string;
  fg: ColourAttribute;
  bg: ColourAttribute;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface ExitStatus {
  exitCode: number;
  /** The signal number that ended the child, 0 when it exited by itself. */
  signal: number;
}

export interface SentKey {
  bytes: string;
  at: number;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Time between looks at the screen; the bench polls faster for its timings. Default 20 ms. */
  pollMs?: number;
}

/** Variables that make Ink print only the final frame (is-in-ci): a terminal test must not pass them on. */
const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'];

export class TerminalSession {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  private readonly child: pty.IPty;
  private readonly term: xterm.Terminal;
  private readonly chunks: string[] = [];
  private currentTitle = '';
  private cursorShown = true;
  private inSynchronizedUpdate = false;
  private exitStatus: ExitStatus | undefined;
  /** Every write of `press`, with when it left (performance.now()): the bench's key send times. */
  readonly sentKeys: SentKey[] = [];
  private disposed = false;

  constructor(opts: TerminalOptions) {
    const cols = opts.cols ?? 100;
    const rows = opts.rows ?? 30;
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
    this.term.onTitleChange((title) => {
      this.currentTitle = title;
    });
    // xterm keeps DECTCEM (cursor visibility) private in headless mode, so watch the mode
    // sequences on their way through the parser; returning false lets xterm handle them too.
    // The same for synchronized output (mode 2026): Ink brackets each frame with it, and a
    // frame can arrive in several pty reads; a screen read between them would see half a frame.
    const trackCursor = (shown: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorShown = shown;
      if (params.includes(2026)) this.inSynchronizedUpdate = shown;
      return false;
    };
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, trackCursor(true));
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, trackCursor(false));

    this.child = pty.spawn(opts.command, opts.args ?? [], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: opts.cwd ?? process.cwd(),
      env: childEnvironment(opts.env),
    });
    this.pid = this.child.pid;
    this.child.onData((data) => {
      this.chunks.push(data);
      if (!this.disposed) this.term.write(data);
    });
    this.exited = new Promise((resolve) => {
      this.child.onExit(({ exitCode, signal }) => {
        this.exitStatus = { exitCode, signal: signal ?? 0 };
        resolve(this.exitStatus);
      });
    });
  }

  get title(): string {
    return this.currentTitle;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** The exit status once the child has ended, otherwise undefined. */
  get exitStatusNow(): ExitStatus | undefined {
    return this.exitStatus;
  }

  write(data: string): void {
    if (this.exitStatus) throw new Error(`cannot send input: the program has exited (${describeExit(this.exitStatus)})`);
    this.child.write(data);
  }

  /**
   * Sends keys one at a time, `delayMs` apart, the way a person types: several keys in one
   * read reach Ink's useInput as one string, which is not what a tour should test. A name
   * (enter, esc, tab, up, ctrl+c…) is one key; any other string is typed character by character.
   */
  async press(keys: string[], delayMs = 15): Promise<void> {
    for (const key of keys) {
      for (const bytes of keyBytes(key)) {
        this.write(bytes);
        this.sentKeys.push({ bytes, at: performance.now() });
        await sleep(delayMs);
      }
    }
  }

  /**
   * Resolves once xterm has parsed everything received so far and no frame is half written
   * (inside a synchronized update), waiting at most `maxWaitMs` for a frame to complete.
   */
  async settle(maxWaitMs = 1000): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      await new Promise<void>((resolve) => this.term.write('', resolve));
      if (!this.inSynchronizedUpdate || this.exitStatus || Date.now() >= deadline) return;
      await sleep(5);
    }
  }

  /** The visible rows, right-trimmed. */
  screenText(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines;
  }

  /** The visible rows numbered, framed, for failure messages. */
  screenDump(): string {
    const width = String(this.term.rows).length;
    const rule = `${' '.repeat(width)} +${'-'.repeat(this.term.cols)}+`;
    const rows = this.screenText().map((line, i) => `${String(i + 1).padStart(width)} |${line.padEnd(this.term.cols)}|`);
    const state = [
      `${this.term.cols}x${this.term.rows}`,
      this.isAlternateScreen() ? 'alternate screen' : 'normal screen',
      this.cursorShown ? 'cursor shown' : 'cursor hidden',
      this.exitStatus ? `exited: ${describeExit(this.exitStatus)}` : 'running',
    ].join(', ');
    return [state, rule, ...rows, rule].join('\n');
  }

  /** Polls the parsed screen until `text` is visible; on timeout throws with a dump of the screen. */
  async waitForText(text: string | RegExp, opts: WaitOptions = {}): Promise<string> {
    const found = (): string | undefined => {
      const lines = this.screenText();
      for (const line of lines) {
        if (typeof text === 'string' ? line.includes(text) : text.test(line)) return line;
      }
      // A match across rows, e.g. a RegExp with \n, is tested on the whole screen.
      const screen = lines.join('\n');
      if (typeof text !== 'string' && text.test(screen)) return screen;
      return undefined;
    };
    return this.waitFor(found, `text ${typeof text === 'string' ? JSON.stringify(text) : String(text)}`, opts);
  }

  /** Polls until the text is gone from the screen. */
  async waitForNoText(text: string | RegExp, opts: WaitOptions = {}): Promise<void> {
    await this.waitFor(
      () => {
        const screen = this.screenText().join('\n');
        return (typeof text === 'string' ? screen.includes(text) : text.test(screen)) ? undefined : true;
      },
      `no text ${typeof text === 'string' ? JSON.stringify(text) : String(text)}`,
      opts,
    );
  }

  /** Polls any predicate of the session; the description names it in the timeout error. */
  async waitFor<T>(probe: () => T | undefined, description: string, opts: WaitOptions = {}): Promise<T> {
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.settle();
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (this.exitStatus || Date.now() >= deadline) {
        await this.settle();
        const last = probe();
        if (last !== undefined && last !== false) return last;
        const why = this.exitStatus ? `the program exited (${describeExit(this.exitStatus)})` : `${Math.round(timeoutMs)} ms passed`;
        throw new Error(`waiting for ${description}: ${why}. Screen:\n${this.screenDump()}`);
      }
      await sleep(opts.pollMs ?? 20);
    }
  }

  /** Colours and styles of one visible cell (x = column, y = row, both from 0). */
  cellAttributes(x: number, y: number): CellAttributes {
    const buffer = this.term.buffer.active;
    const cell = buffer.getLine(buffer.viewportY + y)?.getCell(x);
    if (!cell) throw new Error(`no cell at column ${x}, row ${y} of a ${this.term.cols}x${this.term.rows} screen`);
    const colour = (isDefault: boolean, isRgb: boolean, value: number): ColourAttribute =>
      isDefault ? { mode: 'default', value: 0 } : { mode: isRgb ? 'rgb' : 'palette', value };
    return {
      char: cell.getChars(),
      fg: colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
      bg: colour(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
      bold: cell.isBold() !== 0,
      dim: cell.isDim() !== 0,
      italic: cell.isItalic() !== 0,
      underline: cell.isUnderline() !== 0,
      inverse: cell.isInverse() !== 0,
    };
  }

  isAlternateScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  cursorVisible(): boolean {
    return this.cursorShown;
  }

  /** Everything the program wrote, escape sequences included. */
  rawOutput(): string {
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, this.chunks.join(''));
    return this.chunks[0] ?? '';
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (!this.exitStatus) this.child.resize(cols, rows);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!this.exitStatus) this.child.kill(signal);
  }

  /** Kills the child if it still runs (SIGKILL after `graceMs`) and frees the terminal. */
  async dispose(graceMs = 2000): Promise<void> {
    if (!this.exitStatus) {
      this.kill('SIGTERM');
      const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    if (!this.disposed) {
      this.disposed = true;
      this.term.dispose();
    }
  }
}

export function spawnTerminal(opts: TerminalOptions): TerminalSession {
  return new TerminalSession(opts);
}

export function describeExit(status: ExitStatus): string {
  return status.signal ? `signal ${status.signal}, code ${status.exitCode}` : `code ${status.exitCode}`;
}

function childEnvironment(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const merged: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', ...extra };
  for (const name of CI_VARIABLES) delete merged[name];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(merged)) if (value !== undefined) env[name] = value;
  return env;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
