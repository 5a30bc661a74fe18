import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { TerminalScreen, installExitHandlers, writeCrashLog, SIGNAL_EXIT } from '../../src/ui/terminal.js';

function streams() {
  const out = new PassThrough();
  let written = '';
  out.on('data', (d) => (written += String(d)));
  let raw = true;
  const stdin = { isTTY: true, get isRaw() { return raw; }, setRawMode: (on: boolean) => { raw = on; } };
  return { out, stdin, written: () => written, raw: () => raw };
}

describe('TerminalScreen', () => {
  it('enters the alternate screen with the cursor hidden, and restores both (once)', async () => {
    const s = streams();
    const screen = new TerminalScreen({ stdout: s.out as unknown as NodeJS.WriteStream, stdin: s.stdin as unknown as NodeJS.ReadStream });
    screen.enter();
    screen.restore();
    screen.restore();
    await new Promise((r) => setImmediate(r));
    expect(s.written()).toBe('\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l' + '\x1b[?25h\x1b[?1049l');
    expect(s.raw()).toBe(false);
  });
});

describe('exit handlers', () => {
  let uninstall: (() => void) | undefined;
  afterEach(() => uninstall?.());

  it('maps SIGINT, SIGTERM and SIGHUP to 130, 143 and 129', () => {
    const codes: number[] = [];
    uninstall = installExitHandlers({ onSignal: (c) => codes.push(c), restore: () => undefined });
    process.emit('SIGINT');
    process.emit('SIGTERM');
    process.emit('SIGHUP');
    expect(codes).toEqual([130, 143, 129]);
    expect(SIGNAL_EXIT).toEqual({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 });
  });

  it('writes the stack of a crash to a log file', () => {
    const file = writeCrashLog(new Error('boom'));
    expect(file).toBeDefined();
    expect(existsSync(file!)).toBe(true);
    expect(readFileSync(file!, 'utf8')).toMatch(/Error: boom\n\s+at /);
    rmSync(file!);
  });
});
