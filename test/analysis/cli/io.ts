// In-memory stdout/stderr for the command functions, and a stdin from a string.
import { Readable, Writable } from 'node:stream';

export interface CapturedIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  stdin?: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
  out(): string;
  err(): string;
}

export function captureIo(opts: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string; tty?: boolean } = {}): CapturedIo {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  }) as Writable & { isTTY?: boolean };
  if (opts.tty) stdout.isTTY = true;
  const stderr = new Writable({
    write(chunk, _enc, cb) {
      err += String(chunk);
      cb();
    },
  });
  return {
    stdout,
    stderr,
    stdin: opts.stdin !== undefined ? Readable.from([Buffer.from(opts.stdin)]) : undefined,
    // An empty config home: no user's real config leaks into the tests.
    env: opts.env ?? { XDG_CONFIG_HOME: '/nonexistent-podscope-test-config' },
    cwd: opts.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
