// Timing trace for the benchmark: with PODSCOPE_TRACE=<file> the TUI records when each key
// arrived and when each write to the terminal left, as JSON lines. Without the variable nothing
// is installed, so the TUI pays nothing.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One line of the trace file. `t` is ms since the process's time origin (its start). */
export type TraceEvent =
  | { ev: 'start'; t: number; timeOrigin: number; pid: number; uptimeMs: number }
  /** `len`: the whole chunk's length in UTF-16 units (bytes may be cut short). */
  | { ev: 'key'; t: number; bytes: string; len: number }
  | { ev: 'write'; t: number; len: number; sync?: 'begin' | 'end' }
  | { ev: 'exit'; t: number; code: number };

const FLUSH_EVERY_MS = 100;
/** Keys are short; a paste can be long and the bench needs only its start. */
const KEY_BYTES_KEPT = 64;
// Ink brackets every frame with these two writes (DEC mode 2026, synchronized output).
const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

let installed = false;

/** Installs the trace if PODSCOPE_TRACE names a file; returns whether it did. */
export function installTraceFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  const file = env.PODSCOPE_TRACE;
  if (!file) return false;
  installTrace(file);
  return true;
}

export function installTrace(file: string): void {
  if (installed) return;
  installed = true;
  let pending: string[] = [];
  const record = (event: TraceEvent): void => {
    pending.push(JSON.stringify(event));
  };
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    try {
      appendFileSync(file, text);
    } catch {
      // A trace that cannot be written must never take the TUI down; the bench reports the gap.
    }
  };

  record({ ev: 'start', t: performance.now(), timeOrigin: performance.timeOrigin, pid: process.pid, uptimeMs: process.uptime() * 1000 });

  // Readable.read() emits 'data' for every chunk it returns, in flowing and paused mode alike,
  // so watching emit sees each read without adding a 'data' listener (which would switch
  // stdin to flowing mode before Ink listens, and lose keys).
  const stdin = process.stdin;
  const originalEmit = stdin.emit;
  stdin.emit = function traceEmit(this: typeof stdin, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'data') {
      const chunk = args[0];
      const bytes = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      record({ ev: 'key', t: performance.now(), bytes: bytes.slice(0, KEY_BYTES_KEPT), len: bytes.length });
    }
    return (originalEmit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof stdin.emit;

  const stdout = process.stdout;
  const originalWrite = stdout.write;
  stdout.write = function traceWrite(this: typeof stdout, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' ? chunk : undefined;
    const len = text !== undefined ? text.length : chunk instanceof Uint8Array ? chunk.byteLength : 0;
    const sync = text === SYNC_BEGIN ? 'begin' : text === SYNC_END ? 'end' : undefined;
    record(sync ? { ev: 'write', t: performance.now(), len, sync } : { ev: 'write', t: performance.now(), len });
    return (originalWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stdout.write;

  const timer = setInterval(flush, FLUSH_EVERY_MS);
  timer.unref();
  process.on('exit', (code) => {
    record({ ev: 'exit', t: performance.now(), code });
    flush();
  });
}
