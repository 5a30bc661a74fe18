// `podscope demo serve`: run the demo cluster in the foreground until SIGINT/SIGTERM.
import { startDemoServer } from '../demo/server.js';

export interface DemoServeOptions {
  port?: number;
  pods?: number;
  churn?: number;
  from?: string[];
  kubeconfigOut?: string;
  auditLog?: string;
}

export async function runDemoServe(opts: DemoServeOptions): Promise<number> {
  let server;
  try {
    server = await startDemoServer(opts);
  } catch (err) {
    process.stderr.write(`podscope demo serve: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`podscope demo cluster at ${server.url}; kubeconfig: ${server.kubeconfigPath}\n`);
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
  await server.stop();
  return 0;
}
