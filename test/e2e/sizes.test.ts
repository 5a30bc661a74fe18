// R10: from 40×12 to 300×100, and resized while running: no crash, and the frame is never as
// tall as the terminal (Ink then clears the screen and the scrollback on every frame: flicker).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../../src/bench/terminal-session.js';
import {contentLines, openPodscope, startDemo, type DemoFixture} from './support.js';


/** Ink's clearTerminal (ansi-escapes): written only when a frame is taller than the terminal. */
const CLEAR_SCROLLBACK = '\x1b[3J';

function expectFits(t: TerminalSession, what: string): void {
  expect(t.exitStatusNow, `${what}: podscope exited\n${t.screenDump()}`).toBeUndefined();
  expect(contentLines(t), `${what}: frame as tall as the terminal\n${t.screenDump()}`).toBeLessThanOrEqual(t.rows - 1);
  expect(t.rawOutput().includes(CLEAR_SCROLLBACK), `${what}: a frame overflowed and cleared the terminal`).toBe(false);
}

/** Waits until the screen holds at least `lines` non-empty lines (a rendered frame). */
async function waitForFrame(t: TerminalSession, lines = 3): Promise<void> {
  await t.waitFor(() => (contentLines(t) >= lines ? true : undefined), `a frame of ${lines}+ lines`, { timeoutMs: 15_000 });
}

describe('R10 terminal sizes', () => {
  let demo: DemoFixture;

  beforeAll(async () => {
    demo = await startDemo();
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('renders in 40×12, in the list and in a pod', async () => {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 40, rows: 12 });
    try {
      await waitForFrame(t);
      // Narrow columns may go, but not the pod's name: a list of READY/STATUS without names is no list.
      await t.waitForText(/\b(api|big|cart|checkout|cleanup|debug|export|flaky|monolith|mongo|node-exporter)-?/, { timeoutMs: 15_000 });
      expectFits(t, 'pod list at 40×12');
      await t.press(['j', 'j', 'enter']);
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 7; i++) await t.press(['tab'], 50);
      await t.settle();
      expectFits(t, 'pod view at 40×12');
      await t.press(['?']);
      await new Promise((r) => setTimeout(r, 300));
      await t.settle();
      expectFits(t, 'help at 40×12');
    } finally {
      await t.dispose();
    }
  });

  it('renders in 300×100 with every scenario pod on screen', async () => {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 300, rows: 100 });
    try {
      for (const name of ['port-clash', 'monolith', 'debug']) await t.waitForText(name, { timeoutMs: 15_000 });
      await t.waitForText(/\bdata\s+redis-/);
      expectFits(t, 'pod list at 300×100');
    } finally {
      await t.dispose();
    }
  });

  it('survives a resize storm and settles on the final size', async () => {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 100, rows: 30 });
    try {
      await t.waitForText('port-clash', { timeoutMs: 15_000 });
      // A fixed sequence (not random) so a failure can be replayed.
      const sizes: [number, number][] = [];
      for (let i = 0; i < 40; i++) sizes.push([40 + ((i * 67) % 261), 12 + ((i * 29) % 89)]);
      for (const [cols, rows] of sizes) {
        t.resize(cols, rows);
        await new Promise((r) => setTimeout(r, 25));
      }
      await t.press(['j', 'enter', 'tab', 'esc']);
      t.resize(120, 30);
      await t.waitForText('port-clash', { timeoutMs: 5000 });
      await new Promise((r) => setTimeout(r, 500)); // let the last frame land after the storm
      await t.settle();
      expect(t.exitStatusNow, `podscope exited during the storm\n${t.screenDump()}`).toBeUndefined();
      expect(contentLines(t), `frame as tall as the terminal\n${t.screenDump()}`).toBeLessThanOrEqual(t.rows - 1);
      // The header is on the first line: the frame was redrawn from the top, not stacked below an old one.
      expect(t.screenText()[0].trim(), `no header on line 1\n${t.screenDump()}`).not.toBe('');
      expect(t.screenText().filter((line) => line.includes('port-clash'))).toHaveLength(1);
    } finally {
      await t.dispose();
    }
  });
});
