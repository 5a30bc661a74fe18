// `podscope demo`: the demo cluster in the background of this process, and the TUI on it.
// The TUI reaches the server over HTTPS through the same code path as a real cluster.
import { runTui } from './tui.js';

export interface DemoOptions {
  pods?: number;
  churn?: number;
  from?: string[];
  theme?: string;
}

export async function runDemo(opts: DemoOptions): Promise<number> {
  const { startDemoServer } = await import('../demo/server.js');
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  try {
    server = await startDemoServer({ pods: opts.pods, churn: opts.churn, from: opts.from });
  } catch (err) {
    process.stderr.write(`podscope: cannot start the demo cluster: ${oneLine(err)}\n`);
    return 2;
  }
  try {
    return await runTui({ kubeconfig: server.kubeconfigPath, allNamespaces: true, theme: opts.theme });
  } finally {
    await server.stop();
  }
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
