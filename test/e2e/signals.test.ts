// R9: a signal ends podscope with the conventional exit code and leaves the terminal as it
// found it: normal screen, cursor shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExit } from '../../src/bench/terminal-session.js';
import {openPodscope, startDemo, type DemoFixture} from './support.js';


const CASES: { signal: NodeJS.Signals; exitCode: number }[] = [
  { signal: 'SIGTERM', exitCode: 143 },
  { signal: 'SIGINT', exitCode: 130 },
  { signal: 'SIGHUP', exitCode: 129 },
];

describe('R9 signals', () => {
  let demo: DemoFixture;

  beforeAll(async () => {
    demo = await startDemo();
  });

  afterAll(async () => {
    await demo?.close();
  });

  it.each(CASES)('$signal exits $exitCode with the normal screen and the cursor back', async ({ signal, exitCode }) => {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 120, rows: 30 });
    try {
      await t.waitForText('port-clash', { timeoutMs: 15_000 });
      expect(t.isAlternateScreen()).toBe(true);
      t.kill(signal);
      const status = await Promise.race([t.exited, new Promise<undefined>((r) => setTimeout(r, 5000, undefined))]);
      expect(status, `still running 5 s after ${signal}:\n${t.screenDump()}`).toBeDefined();
      expect(status!.exitCode, `ended by ${describeExit(status!)}`).toBe(exitCode);
      await t.settle();
      expect(t.isAlternateScreen(), 'left in the alternate screen').toBe(false);
      expect(t.cursorVisible(), 'cursor left hidden').toBe(true);
    } finally {
      await t.dispose();
    }
  });

  it('ctrl+c quits from the pod list and from inside a filter', async () => {
    for (const keys of [[], ['/', 'web']]) {
      const t = openPodscope(demo.server.kubeconfigPath, { cols: 120, rows: 30 });
      try {
        await t.waitForText('port-clash', { timeoutMs: 15_000 });
        await t.press([...keys, 'ctrl+c']);
        const status = await Promise.race([t.exited, new Promise<undefined>((r) => setTimeout(r, 5000, undefined))]);
        expect(status, `ctrl+c after ${JSON.stringify(keys)} did not quit:\n${t.screenDump()}`).toBeDefined();
        await t.settle();
        expect(t.isAlternateScreen()).toBe(false);
        expect(t.cursorVisible()).toBe(true);
      } finally {
        await t.dispose();
      }
    }
  });
});
