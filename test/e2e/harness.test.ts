// The terminal harness itself, proved against small programs written here: if these pass, a
// failing end-to-end test is about podscope, not about the harness.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnTerminal, type TerminalOptions, type TerminalSession } from '../../src/bench/terminal-session.js';
import { keyBytes } from '../../src/bench/keys.js';

const sessions: TerminalSession[] = [];

function run(script: string, opts: Partial<TerminalOptions> = {}): TerminalSession {
  const session = spawnTerminal({ command: process.execPath, args: ['-e', script], cols: 60, rows: 12, ...opts });
  sessions.push(session);
  return session;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

/** A program that reads raw keys and prints each read as one numbered JSON line. */
const KEY_ECHO = `
  let n = 0;
  process.stdin.setRawMode(true);
  process.stdout.write('ready\\r\\n');
  process.stdin.on('data', (d) => {
    const s = d.toString();
    process.stdout.write('#' + (++n) + ' ' + JSON.stringify(s) + '\\r\\n');
    if (s === 'q') process.exit(0);
  });
`;

describe('keys', () => {
  it('names keys the way xterm sends them', () => {
    expect(keyBytes('enter')).toEqual(['\r']);
    expect(keyBytes('ESC')).toEqual(['\x1b']);
    expect(keyBytes('pagedown')).toEqual(['\x1b[6~']);
    expect(keyBytes('ctrl+c')).toEqual(['\x03']);
    expect(keyBytes('/redis')).toEqual(['/', 'r', 'e', 'd', 'i', 's']);
  });
});

describe('terminal session', () => {
  it('waits for text and sends keys one read at a time', async () => {
    const t = run(KEY_ECHO);
    await t.waitForText('ready');
    await t.press(['j', 'down', '/ab', 'enter']);
    await t.waitForText('#6 "\\r"');
    const lines = t.screenText().filter((l) => l.startsWith('#'));
    expect(lines).toEqual(['#1 "j"', '#2 "\\u001b[B"', '#3 "/"', '#4 "a"', '#5 "b"', '#6 "\\r"']);
    await t.press(['q']);
    expect(await t.exited).toEqual({ exitCode: 0, signal: 0 });
  });

  it('throws a readable dump of the screen when the text never comes', async () => {
    const t = run(`process.stdout.write('only this\\r\\n'); setTimeout(() => {}, 5000);`);
    await t.waitForText('only this');
    const err = await t.waitForText('something else', { timeoutMs: 200 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain('"something else"');
    expect(message).toContain('200 ms passed');
    expect(message).toMatch(/^ 1 \|only this\s+\|$/m);
    expect(message).toContain('60x12, normal screen');
  });

  it('fails at once, with the exit status, when the program exits before the text comes', async () => {
    const t = run(`process.stdout.write('bye\\r\\n'); process.exit(4);`);
    const started = Date.now();
    const err = (await t.waitForText('never', { timeoutMs: 10_000 }).catch((e: Error) => e)) as Error;
    expect(err.message).toContain('the program exited (code 4)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reads colours and styles of cells', async () => {
    const t = run(
      `process.stdout.write('\\x1b[1;31mRED\\x1b[0m \\x1b[7mINV\\x1b[0m \\x1b[38;2;10;20;30mRGB\\x1b[0m \\x1b[48;5;200mBG\\x1b[0m plain\\r\\n'); setTimeout(() => {}, 5000);`,
    );
    await t.waitForText('plain');
    const red = t.cellAttributes(0, 0);
    expect(red).toMatchObject({ char: 'R', bold: true, inverse: false, fg: { mode: 'palette', value: 1 } });
    expect(t.cellAttributes(4, 0)).toMatchObject({ char: 'I', inverse: true, bold: false, fg: { mode: 'default' } });
    expect(t.cellAttributes(8, 0).fg).toEqual({ mode: 'rgb', value: 0x0a141e });
    expect(t.cellAttributes(12, 0)).toMatchObject({ char: 'B', bg: { mode: 'palette', value: 200 } });
    expect(t.cellAttributes(15, 0)).toMatchObject({ char: 'p', bold: false, fg: { mode: 'default' }, bg: { mode: 'default' } });
    expect(() => t.cellAttributes(0, 99)).toThrow(/no cell at column 0, row 99/);
  });

  it('tracks the alternate screen, the title and the cursor, and keeps the raw bytes', async () => {
    const t = run(`
      process.stdin.setRawMode(true);
      process.stdout.write('\\x1b[?1049h\\x1b]0;podscope test\\x07\\x1b[?25lIN ALT');
      process.stdin.on('data', () => { process.stdout.write('\\x1b[?25h\\x1b[?1049l'); process.exit(3); });
    `);
    await t.waitForText('IN ALT');
    expect(t.isAlternateScreen()).toBe(true);
    expect(t.title).toBe('podscope test');
    expect(t.cursorVisible()).toBe(false);
    await t.press(['x']);
    expect(await t.exited).toEqual({ exitCode: 3, signal: 0 });
    await t.settle();
    expect(t.isAlternateScreen()).toBe(false);
    expect(t.cursorVisible()).toBe(true);
    expect(t.screenText().join('\n')).not.toContain('IN ALT');
    expect(t.rawOutput()).toContain('\x1b]0;podscope test\x07');
  });

  it('reads the screen between frames, not inside a synchronized update', async () => {
    const t = run(`
      process.stdout.write('\\x1b[?2026hfirst-half ');
      setTimeout(() => process.stdout.write('second-half\\x1b[?2026l'), 300);
      setTimeout(() => {}, 5000);
    `);
    const line = await t.waitForText('first-half');
    expect(line).toContain('second-half');
  });

  it('passes a resize on to the program', async () => {
    const t = run(`
      const show = () => process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\r\\n');
      show(); process.stdout.on('resize', show); setTimeout(() => {}, 5000);
    `);
    await t.waitForText('size 60x12');
    t.resize(41, 9);
    await t.waitForText('size 41x9');
    expect(t.cols).toBe(41);
    expect(t.rows).toBe(9);
    expect(t.screenText()).toHaveLength(9);
  });

  it('reports exit codes set by signal handlers and deaths by signal', async () => {
    const handled = run(`
      process.on('SIGTERM', () => process.exit(143));
      process.stdout.write('armed\\r\\n'); setTimeout(() => {}, 5000);
    `);
    const unhandled = run(`process.stdout.write('armed\\r\\n'); setTimeout(() => {}, 5000);`);
    await Promise.all([handled.waitForText('armed'), unhandled.waitForText('armed')]);
    handled.kill('SIGTERM');
    unhandled.kill('SIGHUP');
    expect(await handled.exited).toEqual({ exitCode: 143, signal: 0 });
    expect((await unhandled.exited).signal).toBe(1);
  });

  it('gives the child a terminal type and no CI variables', async () => {
    const t = run(
      `process.stdout.write(['TERM=' + process.env.TERM, 'CI=' + process.env.CI, 'CONT=' + process.env.CONTINUOUS_INTEGRATION, 'MINE=' + process.env.MINE, 'TTY=' + process.stdout.isTTY].join(' ') + '\\r\\n');`,
      { cols: 100, env: { CI: 'true', CONTINUOUS_INTEGRATION: '1', MINE: 'yes' } },
    );
    await t.waitForText('TTY=');
    expect(t.screenText()[0]).toBe('TERM=xterm-256color CI=undefined CONT=undefined MINE=yes TTY=true');
  });

  it('refuses input after the program has exited', async () => {
    const t = run(`process.exit(0)`);
    await t.exited;
    expect(() => t.write('x')).toThrow(/program has exited \(code 0\)/);
  });
});
