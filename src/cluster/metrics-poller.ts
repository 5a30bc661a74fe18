// Pod metrics (metrics.k8s.io/v1beta1) are not watchable: they are polled, and each poll
// replaces the kind wholesale. The session starts this only when discovery says the API
// exists, so a cluster without metrics-server shows no metrics rather than an error.
import type { ReadOnlyApi } from './api.js';
import { isAbortError } from './api.js';
import { describeError } from './errors.js';
import type { ErrorContext } from './errors.js';
import type { ObjectStore } from './store.js';
import type { KubeObject } from '../model/kube.js';
import { backoffDelay, DEFAULT_BACKOFF } from './reflector.js';

export interface MetricsPollerOptions {
  api: ReadOnlyApi;
  store: ObjectStore;
  namespace?: string;
  intervalMs?: number;
  errorContext?: ErrorContext;
}

export class MetricsPoller {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly intervalMs: number;

  constructor(private readonly opts: MetricsPollerOptions) {
    this.intervalMs = opts.intervalMs ?? 15_000;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { api, store } = this.opts;
    const signal = this.controller.signal;
    let attempt = 0;
    let since: number | undefined;
    while (!signal.aborted) {
      let wait = this.intervalMs;
      try {
        const items: KubeObject[] = [];
        let cont: string | undefined;
        do {
          const page = await api.list('podmetrics', { namespace: this.opts.namespace, limit: 500, continue: cont, signal });
          items.push(...page.items);
          cont = page.continue;
        } while (cont && !signal.aborted);
        if (signal.aborted) break;
        store.replaceAll('podmetrics', items);
        if (store.state('podmetrics').phase !== 'live') store.setState('podmetrics', { phase: 'live', since: Date.now() });
        attempt = 0;
        since = undefined;
      } catch (err) {
        if (signal.aborted || isAbortError(err)) break;
        attempt++;
        since ??= Date.now();
        const cause = describeError(err, this.opts.errorContext ?? { server: api.server, context: api.contextName });
        store.setState('podmetrics', { phase: 'reconnecting', since, cause, attempt });
        wait = Math.min(this.intervalMs, backoffDelay(attempt, DEFAULT_BACKOFF));
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
