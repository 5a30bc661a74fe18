// R6: text from a cluster is untrusted. A pod loaded with --from carries terminal escape
// sequences in its annotations, labels, container messages, events and log lines (an OSC
// title set, an OSC 52 clipboard write, clear screen, a cursor move) and a 1 MB log line.
// podscope must show them inert: the bytes never reach the terminal as sequences, the title
// stays, the screen is not cleared, nothing hangs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalSession } from '../../src/bench/terminal-session.js';
import {LIST_HEADER, openPodscope, screen, startDemo, type DemoFixture} from './support.js';


const TITLE = '\x1b]0;PWNED-TITLE\x07';
const CLIPBOARD = '\x1b]52;c;cm0gLXJmIH4=\x07';
const CLEAR = '\x1b[2J';
const MOVE = '\x1b[5;5H';
/** Each payload with a marker after it: found verbatim in the output only if it went through raw. */
const PAYLOADS = [`${TITLE}title-marker`, `${CLIPBOARD}clip-marker`, `${CLEAR}clear-marker`, `${MOVE}move-marker`];
const HOSTILE = PAYLOADS.join(' ');

function hostileCluster(dir: string): void {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'evil',
      namespace: 'hostile',
      labels: { app: 'evil', note: `label${CLEAR}x` },
      annotations: { note: `annotation ${HOSTILE}` },
    },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] }] },
    status: {
      phase: 'Running',
      podIP: '10.9.9.9',
      startTime: now,
      containerStatuses: [
        {
          name: 'app',
          image: 'busybox:1.36',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff', message: `waiting-message ${HOSTILE}` } },
          lastState: { terminated: { reason: 'Error', exitCode: 1, message: `terminated-message ${HOSTILE}` } },
        },
      ],
    },
  };
  const event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'evil.1', namespace: 'hostile' },
    involvedObject: { kind: 'Pod', namespace: 'hostile', name: 'evil' },
    reason: 'BackOff',
    type: 'Warning',
    message: `event-message ${HOSTILE}`,
    lastTimestamp: now,
    count: 1,
  };
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'hostile' } };
  writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [namespace, pod, event] }));
  mkdirSync(join(dir, 'hostile', 'evil'), { recursive: true });
  const huge = 'x'.repeat(1024 * 1024);
  writeFileSync(join(dir, 'hostile', 'evil', 'logs.txt'), [`${now} log-line ${HOSTILE}`, `${now} ${huge}`, `${now} after-the-huge-line`, ''].join('\n'));
}

function expectInert(t: TerminalSession, where: string): void {
  const raw = t.rawOutput();
  for (const payload of PAYLOADS) {
    expect(raw.includes(payload), `${where}: ${JSON.stringify(payload)} reached the terminal as a sequence`).toBe(false);
  }
  expect(t.title, `${where}: the terminal title was changed`).not.toContain('PWNED');
}

describe('R6 hostile text', () => {
  let demo: DemoFixture;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podscope-hostile-'));
    hostileCluster(dir);
    demo = await startDemo({ from: [dir] });
  });

  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows escape sequences from every field inert, and a 1 MB log line without hanging', async () => {
    const t = openPodscope(demo.server.kubeconfigPath, { cols: 160, rows: 50 });
    try {
      await t.waitForText(/\bhostile\s+evil\b/, { timeoutMs: 15_000 });
      expectInert(t, 'pod list');

      await t.press(['enter']);
      await t.waitForNoText(LIST_HEADER, { timeoutMs: 5000 });
      const seen: string[] = [screen(t)];
      for (let i = 0; i < 8; i++) {
        await t.press(['tab'], 100);
        await t.settle();
        seen.push(screen(t));
      }
      expectInert(t, 'pod view');
      // The messages were shown (as text), not dropped: otherwise this test would prove nothing.
      expect(seen.join('\n')).toMatch(/waiting-message|terminated-message|event-message/);

      await t.press(['y']);
      await t.waitForText('annotation', { timeoutMs: 5000 });
      expectInert(t, 'YAML view');
      await t.press(['esc']);
      await t.waitForNoText(/\bYAML\s+\d+-\d+\/\d+/, { timeoutMs: 5000 });

      await t.press(['l']);
      await t.waitForText(/log-line|after-the-huge-line/, { timeoutMs: 10_000 });
      expectInert(t, 'logs view');
      await t.press(['esc']);
      await t.waitForText('10.9.9.9', { timeoutMs: 5000 });
      // Not cleared and not moved: the header is still on the first line.
      expect(t.screenText()[0]).toMatch(/podscope/);
    } finally {
      await t.dispose();
    }
  });
});
