// Rows written beside Ink (row-painter.ts) must look exactly like rows Ink draws: the same app
// runs twice on a terminal emulator, once with the painter and once without, and after every
// key the two screens (text and colours) are the same.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import xterm from '@xterm/headless';
import chalk from 'chalk';
import { ObjectStore } from '../../src/cluster/store.js';
import { LiveAnalysis } from '../../src/analysis/engine.js';
import { loadTheme } from '../../src/ui/theme/load-theme.js';
import { NOW, makePod } from './fixtures/pods.js';
import { tick } from './fixtures/context.js';
import { FakeStdin } from './fixtures/fake-stdin.js';

// Ink prints only its last frame when CI is set (FIELD-NOTES): this test needs every frame.
// is-in-ci reads the environment when Ink is loaded, so Ink is imported after this.
process.env.CI = '0';
// Colours on (a test's stdout is no terminal): the selected row and the tones must match too.
chalk.level = 2;
const { render } = await import('ink');
const { App, RowPainter } = await import('../../src/ui/app.js');

class FakeTty extends EventEmitter {
  isTTY = true;
  constructor(
    readonly term: xterm.Terminal,
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (data: string) => {
    this.term.write(data);
    return true;
  };
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.term.resize(columns, rows);
    this.emit('resize');
  }
}

function cluster() {
  const store = new ObjectStore({ flushMs: 0 });
  const analysis = new LiveAnalysis(store, { now: () => NOW });
  store.subscribe((b) => analysis.onBatch(b));
  const pods = Array.from({ length: 300 }, (_, i) =>
    makePod({ ns: `team-${i % 7}`, name: `svc-${String(i).padStart(3, '0')}`, ageMin: i % 50, phase: i % 11 === 0 ? 'Pending' : 'Running', waiting: i % 13 === 0 ? 'CrashLoopBackOff' : undefined, restarts: i % 13 === 0 ? 4 : 0 }),
  );
  store.replaceAll('pods', pods);
  store.setState('pods', { phase: 'live', since: NOW });
  store.flush();
  return { store, analysis };
}

function start(painted: boolean) {
  const term = new xterm.Terminal({ cols: 110, rows: 24, allowProposedApi: true, convertEol: true });
  const tty = new FakeTty(term, 110, 24);
  const stdin = new FakeStdin();
  let direct = 0;
  const painter = painted
    ? new RowPainter((text) => {
        direct++;
        tty.write(text);
      }, true)
    : undefined;
  const { store, analysis } = cluster();
  const theme = loadTheme('default', { env: {} });
  const ink = render(<App store={store} analysis={analysis} theme={theme} now={() => NOW} onExit={() => {}} repaintMs={0} painter={painter} />, {
    stdout: (painter ? painter.wrap(tty as unknown as NodeJS.WriteStream) : tty) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 1000,
  });
  /** Every cell: its character and its colours, line by line. */
  const screen = async () => {
    await new Promise<void>((r) => term.write('', r));
    const buf = term.buffer.active;
    const lines: string[] = [];
    const cell = buf.getNullCell();
    for (let y = 0; y < term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y)!;
      let out = '';
      for (let x = 0; x < term.cols; x++) {
        line.getCell(x, cell);
        const ch = cell.getChars() || ' ';
        // What a person sees: a blank without background or inverse looks the same in any colour.
        const blank = ch === ' ' && cell.isBgDefault() && !cell.isInverse();
        out += blank ? '  ' : `${ch}${cell.getFgColor()}/${cell.getBgColor()}/${cell.isInverse()}/${cell.isBold()} `;
      }
      lines.push(out);
    }
    return lines;
  };
  const text = async () => {
    await new Promise<void>((r) => term.write('', r));
    const buf = term.buffer.active;
    return Array.from({ length: term.rows }, (_, y) => buf.getLine(buf.viewportY + y)!.translateToString().trimEnd());
  };
  return { ink, stdin, tty, screen, text, directWrites: () => direct, painter };
}

/** Polls an async check until it passes (frames arrive asynchronously, on a shared machine). */
async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await tick(20);
    }
  }
}

describe('rows painted beside Ink', () => {
  it('give the same screen as rows Ink draws, key after key', async () => {
    const plain = start(false);
    const painted = start(true);
    const both = [plain, painted];
    const settle = async (step = 'start') => {
      await tick(60);
      await eventually(async () => expect(await painted.text(), `after ${step}`).toEqual(await plain.text()));
    };
    await eventually(async () => expect((await painted.text()).join('\n')).toContain('svc-000'));
    await settle();
    const steps: (string | (() => void))[] = ['j', 'j', 'j', '/', 's', 'v', 'c', '-', '0', '1', '\x7f', '\x1b', 'G', 'k', '\r', '\x1b', '?', '\x1b', ':', '\x1b', 'g'];
    steps.push(() => both.forEach((s) => s.tty.resize(80, 18)));
    steps.push('j', '/', 'x', 'y', 'z', '\x1b');
    // Filter, submit, open the one pod left (the cursor's pod must be known without a render), back.
    steps.push('/', 's', 'v', 'c', '-', '0', '0', '5', '\r', '\r', '\x1b', '\x1b');
    steps.push(() => both.forEach((s) => s.tty.resize(120, 30)));
    steps.push('G');
    let directOnJ = 0;
    let directOnFilter = 0;
    for (const step of steps) {
      const before = painted.directWrites();
      for (const s of both) {
        if (typeof step === 'string') s.stdin.write(step);
        else step();
      }
      await settle(JSON.stringify(String(step)));
      // Polled too: each app publishes the header's findings summary on its own clock, and it
      // may land between the text above and this look at every cell (seen once in CI).
      await eventually(async () => expect(await painted.screen(), `after ${JSON.stringify(String(step))}`).toEqual(await plain.screen()));
      if (step === 'j') directOnJ += painted.directWrites() - before;
      if (typeof step === 'string' && 'svc01xyz'.includes(step)) directOnFilter += painted.directWrites() - before;
    }
    const last = await painted.text();
    expect(last.join('\n')).toContain('svc-299'); // G: the last pod is on screen
    // A cursor move is written by the painter (Ink's frame does not change).
    expect(directOnJ).toBeGreaterThanOrEqual(4);
    // So is a filter keystroke (the title, the rows and the filter line).
    expect(directOnFilter).toBeGreaterThanOrEqual(8);
    for (const s of both) s.ink.unmount();
  }, 60_000);
});
