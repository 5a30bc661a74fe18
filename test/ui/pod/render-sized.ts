// ink-testing-library's terminal is always 100 columns with no rows (FIELD-NOTES); the Pod
// view's layout depends on both, so these tests render into a fake terminal of a given size.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';
import { FakeStdin } from '../fixtures/fake-stdin.js';

class Stream extends EventEmitter {
  frames: string[] = [];
  constructor(readonly columns: number, readonly rows: number) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

export function renderSized(tree: ReactElement, columns: number, rows: number) {
  const stdout = new Stream(columns, rows);
  const stdin = new FakeStdin();
  stdin.frameCount = () => stdout.frames.length;
  const instance = inkRender(tree, {
    stdout: stdout as never,
    stderr: new Stream(columns, rows) as never,
    stdin: stdin as never,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    lastFrame: () => stdout.frames[stdout.frames.length - 1] ?? '',
    stdin,
    rerender: instance.rerender,
    unmount: instance.unmount,
  };
}

/** Lets Ink process input and re-render. */
export const settle = () => new Promise((r) => setTimeout(r, 30));

/**
 * Sends keys one at a time and waits for the frame each one causes (every bound key
 * repaints), so a busy machine does not turn into a flaky test; a fixed pause otherwise.
 */
export async function press(stdin: { write(d: string): void; frameCount?: () => number }, ...keys: string[]) {
  for (const k of keys) {
    const before = stdin.frameCount?.() ?? 0;
    stdin.write(k);
    const start = Date.now();
    while (stdin.frameCount && stdin.frameCount() === before && Date.now() - start < 2000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await settle();
  }
}

export const TAB = '\t';
export const SHIFT_TAB = '\u001b[Z';
export const ENTER = '\r';
export const ESC = '\u001b';

/** Waits until `check` passes (the shell's store hook repaints at most every 250 ms). */
export async function eventually(check: () => void, timeoutMs = 2000) {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await settle();
    }
  }
}
