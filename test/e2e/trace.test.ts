// The timing trace, installed in a real child process in a real terminal, and the statistics
// the benchmark takes from it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnTerminal, type TerminalSession } from '../../src/bench/terminal-session.js';
import { framesPerSecond, keyToFrameLatencies, median, parseTrace, percentile, sentKeyLatencies, traceStart } from '../../src/bench/trace-stats.js';
import type { TraceEvent } from '../../src/bench/trace.js';

let dir: string;
const sessions: TerminalSession[] = [];

// The child runs trace.ts itself, transpiled here, so the test does not depend on dist/ being built.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-trace-'));
  const source = readFileSync(new URL('../../src/bench/trace.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  writeFileSync(join(dir, 'trace.mjs'), outputText);
  // Reads keys the way Ink does ('readable' + read()), answers each with a bracketed frame.
  writeFileSync(
    join(dir, 'app.mjs'),
    `import { installTraceFromEnvironment } from './trace.mjs';
     const on = installTraceFromEnvironment();
     // Ready only once in raw mode: a key typed before that waits in the tty's line buffer.
     process.stdin.setRawMode(true);
     process.stdout.write('traced=' + on + ' patched=' + (process.stdout.write.name === 'traceWrite') + '\\r\\n');
     process.stdin.on('readable', () => {
       let chunk;
       while ((chunk = process.stdin.read()) !== null) {
         const key = chunk.toString();
         setTimeout(() => {
           process.stdout.write('\\x1b[?2026h');
           process.stdout.write('frame for ' + JSON.stringify(key) + '\\r\\n');
           process.stdout.write('\\x1b[?2026l');
           if (key === 'q') process.exit(0);
         }, 5);
       }
     });`,
  );
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runApp(env: Record<string, string | undefined>): TerminalSession {
  const session = spawnTerminal({ command: process.execPath, args: [join(dir, 'app.mjs')], cols: 60, rows: 10, env });
  sessions.push(session);
  return session;
}

describe('trace in a child process', () => {
  it('records start, each key, each write and the exit, without taking keys from the program', async () => {
    const file = join(dir, 'run.jsonl');
    const before = Date.now();
    const t = runApp({ PODSCOPE_TRACE: file });
    await t.waitForText('traced=true patched=true');
    await t.press(['j', 'k', 'q'], 30);
    expect(await t.exited).toEqual({ exitCode: 0, signal: 0 });
    expect(t.screenText().filter((l) => l.startsWith('frame'))).toEqual(['frame for "j"', 'frame for "k"', 'frame for "q"']);

    const events = parseTrace(readFileSync(file, 'utf8'));
    const start = traceStart(events);
    expect(start?.pid).toBe(t.pid);
    expect(start!.timeOrigin).toBeGreaterThan(before - 5000);
    expect(start!.timeOrigin).toBeLessThanOrEqual(Date.now());
    expect(events.filter((e) => e.ev === 'key').map((e) => (e as { bytes: string }).bytes)).toEqual(['j', 'k', 'q']);
    expect(events.filter((e) => e.ev === 'write' && e.sync === 'end')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ ev: 'exit', code: 0 });

    const latencies = keyToFrameLatencies(events);
    expect(latencies).toHaveLength(3);
    const fromSend = sentKeyLatencies(events, t.sentKeys, performance.timeOrigin - start!.timeOrigin);
    expect(fromSend.map((m) => m.bytes)).toEqual(['j', 'k', 'q']);
    for (const { ms } of fromSend) {
      expect(ms).toBeGreaterThanOrEqual(4);
      expect(ms).toBeLessThan(1000);
    }
    for (const ms of latencies) {
      expect(ms).toBeGreaterThanOrEqual(4); // the program waits 5 ms before each frame
      expect(ms).toBeLessThan(1000);
    }
  });

  it('installs nothing and writes no file without PODSCOPE_TRACE', async () => {
    const files = readdirSync(dir);
    const t = runApp({ PODSCOPE_TRACE: undefined });
    await t.waitForText('traced=false');
    expect(t.screenText()[0]).toBe('traced=false patched=false');
    await t.press(['q']);
    expect((await t.exited).exitCode).toBe(0);
    expect(readdirSync(dir)).toEqual(files);
  });
});

describe('trace statistics', () => {
  const ev = (e: TraceEvent) => e;
  const events: TraceEvent[] = [
    ev({ ev: 'start', t: 0, timeOrigin: 1, pid: 1, uptimeMs: 0 }),
    ev({ ev: 'key', t: 100, bytes: 'j', len: 1 }),
    ev({ ev: 'write', t: 104, len: 7, sync: 'begin' }),
    ev({ ev: 'write', t: 105, len: 500 }),
    ev({ ev: 'write', t: 106, len: 7, sync: 'end' }),
    ev({ ev: 'key', t: 200, bytes: '/', len: 1 }),
    ev({ ev: 'key', t: 210, bytes: 'a', len: 1 }),
    ev({ ev: 'write', t: 230, len: 0 }),
    ev({ ev: 'write', t: 240, len: 300 }),
    ev({ ev: 'key', t: 300, bytes: 'q', len: 1 }),
  ];

  it('measures each key to the next content write, skipping brackets and empty writes', () => {
    expect(keyToFrameLatencies(events)).toEqual([5, 40, 30]);
    expect(keyToFrameLatencies(events, (b) => b === 'j')).toEqual([5]);
  });

  it('measures from the bench sending each key, sharing the frame of a coalesced read', () => {
    const trace: TraceEvent[] = [
      ev({ ev: 'key', t: 100, bytes: 'j', len: 1 }),
      ev({ ev: 'write', t: 105, len: 10 }),
      ev({ ev: 'key', t: 212, bytes: '/a', len: 2 }),
      ev({ ev: 'write', t: 240, len: 10 }),
    ];
    const sent = [
      { bytes: 'j', at: 95 },
      { bytes: '/', at: 195 },
      { bytes: 'a', at: 205 },
    ];
    expect(sentKeyLatencies(trace, sent, 0)).toEqual([
      { bytes: 'j', ms: 10 },
      { bytes: '/', ms: 45 },
      { bytes: 'a', ms: 35 },
    ]);
    // The bench's clock 1000 ms behind the trace's: the shift lines them up.
    expect(sentKeyLatencies(trace, sent.map((k) => ({ ...k, at: k.at - 1000 })), 1000).map((m) => m.ms)).toEqual([10, 45, 35]);
  });

  it('counts bracketed frames when there are brackets, content writes otherwise', () => {
    expect(framesPerSecond(events, 0, 1000)).toBe(1);
    expect(framesPerSecond(events.filter((e) => !(e.ev === 'write' && e.sync)), 0, 500)).toBe(4);
  });

  it('reads a trace with a torn last line', () => {
    const text = events.map((e) => JSON.stringify(e)).join('\n') + '\n{"ev":"wri';
    expect(parseTrace(text)).toHaveLength(events.length);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('takes the median as the middle value, or the mean of the middle two', () => {
    expect(median([4.29, 6.86])).toBeCloseTo(5.575);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
  });
});
