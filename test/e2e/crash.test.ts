// R9, the crash case: an uncaught exception while the TUI runs restores the terminal (normal
// screen, cursor shown), prints one line naming a log file with the stack, and exits 1.
// The exception is injected from outside the product: a --import preload that throws on
// SIGUSR2, so podscope carries no test hook of its own.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExit } from '../../src/bench/terminal-session.js';
import { openPodscope, startDemo, type DemoFixture } from './support.js';

describe('R9 crash', () => {
  let demo: DemoFixture;
  let dir: string;
  let preload: string;

  beforeAll(async () => {
    demo = await startDemo();
    dir = mkdtempSync(join(tmpdir(), 'podscope-crash-'));
    preload = join(dir, 'throw-on-usr2.mjs');
    writeFileSync(
      preload,
      "process.on('SIGUSR2', () => setImmediate(() => { throw new Error('injected failure for the R9 test'); }));\n",
    );
  });

  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an uncaught exception exits 1 with one line and a log file, the terminal restored', async () => {
    const t = openPodscope(demo.server.kubeconfigPath, {
      cols: 120,
      rows: 30,
      env: { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}`, TMPDIR: dir },
    });
    try {
      await t.waitForText('port-clash', { timeoutMs: 15_000 });
      expect(t.isAlternateScreen()).toBe(true);
      t.kill('SIGUSR2');
      const status = await Promise.race([t.exited, new Promise<undefined>((r) => setTimeout(r, 5000, undefined))]);
      expect(status, `still running 5 s after the injected exception:\n${t.screenDump()}`).toBeDefined();
      expect(status!.exitCode, `ended by ${describeExit(status!)}`).toBe(1);
      await t.settle();
      expect(t.isAlternateScreen(), 'left in the alternate screen').toBe(false);
      expect(t.cursorVisible(), 'cursor left hidden').toBe(true);

      const text = t.screenText().join('\n');
      const line = text.split('\n').find((l) => l.includes('podscope crashed'));
      expect(line, `no crash line on screen:\n${t.screenDump()}`).toBeDefined();
      expect(line).toContain('injected failure for the R9 test');
      expect(text).not.toMatch(/^\s+at /m); // the stack goes to the log, not the terminal
      const log = /details in (\S+?\.log)/.exec(text.replace(/\n/g, ''))?.[1];
      expect(log, `no log path in: ${line}`).toBeDefined();
      expect(readFileSync(log!, 'utf8')).toMatch(/injected failure for the R9 test[\s\S]*\n\s+at /);
    } finally {
      await t.dispose();
    }
  });
});
