// `podscope demo serve`: run the demo cluster in the foreground until SIGINT/SIGTERM.
import { startDemoServer } from '../demo/server.js';

export interface DemoServeOptions {
  port?: number;
  pods?: number;
  churn?: number;
  from?: string[];
  kubeconfigOut?: string;
  auditLog?: string;
  /** Stops the server like SIGINT does (for embedding and tests). */
  signal?: AbortSignal;
  /** Where the one status line goes (default: stdout). */
  out?: (line: string) => void;
}

export async function runDemoServe(opts: DemoServeOptions): Promise<number> {
  const { signal, out = (line: string) => void process.stdout.write(line), ...serverOpts } = opts;
  let server;
  try {
    server = await startDemoServer(serverOpts);
  } catch (err) {
    process.stderr.write(`podscope demo serve: ${(err as Error).message}\n`);
    return 2;
  }
  out(`podscope demo cluster at ${server.url}; kubeconfig: ${server.kubeconfigPath}\n`);
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done);
  });
  await server.stop();
  return 0;
}
