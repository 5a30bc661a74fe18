// Pod metrics (metrics.k8s.io/v1beta1) are not watchable: they are polled, and each poll
// replaces the kind wholesale. The session starts this only when discovery says the API
// exists, so a cluster without metrics-server shows no metrics rather than an error.
import type { ReadOnlyApi } from './api.js';
import { isAbortError } from './api.js';
import { ApiStatusError, describeError } from './errors.js';
import type { ErrorContext } from './errors.js';
import type { ObjectStore } from './store.js';
import { backoffDelay, DEFAULT_BACKOFF, DEFAULT_PAGE_SIZE } from './reflector.js';

export interface MetricsPollerOptions {
  api: ReadOnlyApi;
  store: ObjectStore;
  namespace?: string;
  /** Where to go when listing metrics in all namespaces is forbidden (as the reflectors do). */
  fallbackNamespace?: string;
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
    let namespace = this.opts.namespace;
    let fallback: string | undefined;
    while (!signal.aborted) {
      let wait = this.intervalMs;
      try {
        // Each page goes into the store as it arrives (no list of 50,000 raw objects held
        // until the end); metrics not seen again in this poll are dropped at its end.
        store.beginResync('podmetrics');
        let cont: string | undefined;
        do {
          const page = await api.list('podmetrics', { namespace, limit: DEFAULT_PAGE_SIZE, continue: cont, signal });
          for (const item of page.items) store.apply('podmetrics', 'ADDED', item);
          cont = page.continue;
        } while (cont && !signal.aborted);
        if (signal.aborted) break;
        store.endResync('podmetrics');
        if (fallback !== undefined) {
          if (store.state('podmetrics').phase !== 'forbidden') store.setState('podmetrics', { phase: 'forbidden', message: fallback, fallbackNamespace: namespace });
        } else if (store.state('podmetrics').phase !== 'live') {
          store.setState('podmetrics', { phase: 'live', since: Date.now() });
        }
        attempt = 0;
        since = undefined;
      } catch (err) {
        if (signal.aborted || isAbortError(err)) break;
        const forbidden = err instanceof ApiStatusError && err.code === 403;
        if (forbidden && namespace === undefined && this.opts.fallbackNamespace) {
          namespace = this.opts.fallbackNamespace;
          fallback = `listing pod metrics in all namespaces is forbidden; showing namespace "${namespace}" only`;
          continue;
        }
        if (forbidden) {
          store.setState('podmetrics', { phase: 'forbidden', message: describeError(err, this.opts.errorContext ?? { server: api.server, context: api.contextName }) });
          await this.pause(this.intervalMs * 4, signal);
          continue;
        }
        attempt++;
        since ??= Date.now();
        const cause = describeError(err, this.opts.errorContext ?? { server: api.server, context: api.contextName });
        store.setState('podmetrics', { phase: 'reconnecting', since, cause, attempt });
        wait = Math.min(this.intervalMs, backoffDelay(attempt, DEFAULT_BACKOFF));
      }
      await this.pause(wait, signal);
    }
  }

  private pause(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
