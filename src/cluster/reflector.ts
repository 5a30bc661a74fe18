// One kind's list+watch loop, feeding the object store and always reporting where it stands.
//
// podscope does not use client-node's informer (makeInformer/ListWatch). Each part of this
// loop exists because of one of its shortfalls (FIELD-NOTES, client-node 1.4.0):
// - it lists with no `limit`: 50,000 pods arrive as one response and nothing shows until
//   all of it is parsed. Here: pages (DEFAULT_PAGE_SIZE) with `continue`, each page into the store as it
//   arrives, so the first rows show from page 1.
// - it watches without bookmarks, so a quiet watch falls behind compaction and 410s often.
//   Here: allowWatchBookmarks=true, and the last seen resourceVersion is kept.
// - on connection refused, a server dying mid-stream or a list error it fires `error`
//   once and stops for good. Here: every failure is caught, reported as a SyncState and
//   retried with exponential backoff and jitter (429/503 honour Retry-After).
// - its stop() fires an AbortError into the error handler. Here: stop() aborts quietly.
// - it resumes after a drop with a full relist. Here: the watch resumes from the last seen
//   resourceVersion, and only a 410 Expired relists, replacing the kind wholesale
//   (mark-and-sweep in the store: no ghosts, no duplicates).
// - its 30 s silence timer is the only liveness check, and only on the watch. Here: every
//   request (list pages too) is aborted after `silenceMs` without a byte and reconnected.
// - it reports synced when the list is in, while the watch still replays what changed during
//   the list (at 50,000 pods under 2,000 changes/s: 11–15 s of backlog, rows up to 3 s
//   behind). Here: `catching-up` until the watch reaches a resourceVersion the server had
//   (catchUpTarget) within CAUGHT_UP_LAG_MS of being asked for it, and only then `live`.
import type { ResourceKind } from '../model/kube.js';
import { KIND_INFO } from '../model/kinds.js';
import type { SyncState } from '../model/store-view.js';
import type { ListPage, ReadOnlyApi } from './api.js';
import { isAbortError } from './api.js';
import { ApiStatusError, CredentialError, SilenceError, describeError } from './errors.js';
import type { ErrorContext } from './errors.js';
import type { ObjectStore } from './store.js';

export interface BackoffPolicy {
  /** First retry delay. */
  baseMs: number;
  /** Longest delay between retries; keeps the return of a server noticed within seconds. */
  maxMs: number;
  /** Delay between retries when only the user can fix it (400, 401, 403, 404): credentials may be refreshed. */
  slowMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 4_000, slowMs: 30_000 };

/**
 * Objects per list page. Smaller than kubectl's 500: a parsed page of 500 pods (about 8 MB
 * with managedFields) outlives V8's young generation and is promoted, so the garbage of a
 * 50,000-pod sync piles up in old space until a full collection. At 250 it mostly dies young:
 * peak RSS of a 50,027-pod sync 412 → 290 MB (100: 284 MB), same time to live.
 */
export const DEFAULT_PAGE_SIZE = 250;

/**
 * While catching up, a watch that delivers nothing for this long has nothing left to replay:
 * a server sends its backlog at once. Needed because the server's resourceVersion is global
 * (etcd's revision moves with every kind), so the last change of this kind may sit below the
 * target until the next one, which on a quiet cluster may be hours away.
 */
export const CATCH_UP_QUIET_MS = 300;
/**
 * The same before the watch's first event: a server may take a moment to start its replay
 * (the demo server's took seconds before it wrote in slices). On a cluster where nothing of
 * the kind changed during the list, this is how long `catching up…` shows.
 */
export const CATCH_UP_FIRST_EVENT_MS = 1_000;

/**
 * Caught up: the watch reached a version the server had at most this long before. Passing the
 * version of the list's end is not enough under churn: the changes made while the backlog was
 * worked off are queued behind it (at 2,000/s, half the backlog again), so a watch that took
 * longer asks the server where it is now, and tries again.
 */
export const CAUGHT_UP_LAG_MS = 1_000;

/**
 * A resourceVersion as a number, when it is one. The API calls resourceVersions opaque; every
 * etcd-backed server hands out etcd's revision, a decimal that only grows, and podscope
 * compares them only then. Anything else: undefined, and the reflector says live at once.
 */
export function comparableVersion(rv: string | undefined): bigint | undefined {
  return rv !== undefined && /^[0-9]{1,30}$/.test(rv) ? BigInt(rv) : undefined;
}

export interface ReflectorOptions {
  api: ReadOnlyApi;
  store: ObjectStore;
  kind: ResourceKind;
  /** undefined = all namespaces (ignored for cluster-scoped kinds). */
  namespace?: string;
  /** Where to go when a cluster-wide list is forbidden: the context's namespace. */
  fallbackNamespace?: string;
  labelSelector?: string;
  pageSize?: number;
  /** No byte (not even a heartbeat or bookmark) for this long → abort and reconnect. */
  silenceMs?: number;
  /** Asks the server to end each watch after this long (clean reconnect from the last resourceVersion). */
  watchTimeoutSeconds?: number;
  backoff?: Partial<BackoffPolicy>;
  errorContext?: ErrorContext;
  /**
   * Asked once the first page of the first list is in: a promise holds the next page until it
   * settles (ClusterSession.holdUntil: the pages after the first are no use to the first
   * frame); none, and the next page is pipelined as any other.
   */
  holdAfterFirstPage?: () => Promise<unknown> | undefined;
}

/** Delay before retry number `attempt` (1-based): exponential, capped, with jitter (50–100 %). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, retryAfterMs?: number, random = Math.random): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp * (0.5 + random() * 0.5);
  return retryAfterMs !== undefined ? Math.min(60_000, Math.max(jittered, retryAfterMs)) : jittered;
}

function statusCode(err: unknown): number | undefined {
  return err instanceof ApiStatusError ? err.code : undefined;
}

/** Resolves once `promise` settles, or at once when `signal` aborts. */
function settledOrAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    promise.then(done, done);
  });
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class Reflector {
  readonly kind: ResourceKind;
  private readonly api: ReadOnlyApi;
  private readonly store: ObjectStore;
  private namespace: string | undefined;
  private readonly fallbackNamespace: string | undefined;
  private readonly labelSelector: string | undefined;
  private readonly pageSize: number;
  private readonly silenceMs: number;
  private readonly watchTimeoutSeconds: number;
  private readonly policy: BackoffPolicy;
  private readonly errorContext: ErrorContext;
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;
  /** Set once a cluster-wide list was forbidden and we fell back to one namespace. */
  private fallbackMessage: string | undefined;
  private troubleSince: number | undefined;
  /** Set from the end of a list until the watch has caught up (catching-up): the version to reach, when it was asked for. */
  private catchUpTo: bigint | undefined;
  private catchUpAskedAt = 0;
  /** Bumped by every list: a version asked for before it is out of date. */
  private catchUpRound = 0;
  private asking = false;
  /** Until the first list's first page is in: what may hold the next page. */
  private holdAfterFirstPage: (() => Promise<unknown> | undefined) | undefined;

  constructor(opts: ReflectorOptions) {
    this.holdAfterFirstPage = opts.holdAfterFirstPage;
    this.api = opts.api;
    this.store = opts.store;
    this.kind = opts.kind;
    this.namespace = KIND_INFO[opts.kind].namespaced ? opts.namespace : undefined;
    this.fallbackNamespace = opts.fallbackNamespace;
    this.labelSelector = opts.kind === 'pods' ? opts.labelSelector : undefined;
    this.pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    this.silenceMs = opts.silenceMs ?? 90_000;
    this.watchTimeoutSeconds = opts.watchTimeoutSeconds ?? 240 + Math.floor(Math.random() * 120);
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.errorContext = opts.errorContext ?? { server: opts.api.server, context: opts.api.contextName };
  }

  /** The namespace actually reflected (after a fallback), undefined = all. */
  get effectiveNamespace(): string | undefined {
    return this.namespace;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops the loop and waits for it; never throws. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private get signal(): AbortSignal {
    return this.controller.signal;
  }

  private setState(state: SyncState): void {
    if (!this.signal.aborted) this.store.setState(this.kind, state);
  }

  private markLive(): void {
    this.troubleSince = undefined;
    const current = this.store.state(this.kind);
    if (this.fallbackMessage !== undefined) {
      if (current.phase !== 'forbidden') {
        this.setState({ phase: 'forbidden', message: this.fallbackMessage, fallbackNamespace: this.namespace });
      }
    } else if (current.phase !== 'live') {
      this.setState({ phase: 'live', since: Date.now() });
    }
  }

  /** Live, or still catching up with the changes made since the list (then live once caught up). */
  private markListed(): void {
    if (this.catchUpTo === undefined || this.fallbackMessage !== undefined) {
      this.catchUpTo = undefined;
      this.markLive();
    } else if (this.store.state(this.kind).phase !== 'catching-up') {
      this.setState({ phase: 'catching-up', since: Date.now() });
    }
  }

  private caughtUp(): void {
    if (this.catchUpTo === undefined) return;
    this.catchUpTo = undefined;
    this.markLive();
  }

  /** The watch has reached the version to catch up to: live if it did so in time, else the next version. */
  private reached(): void {
    if (Date.now() - this.catchUpAskedAt <= CAUGHT_UP_LAG_MS) return this.caughtUp();
    if (this.asking) return;
    this.asking = true;
    const round = this.catchUpRound;
    const reachedTo = this.catchUpTo;
    const askedAt = Date.now();
    this.catchUpTarget().then(
      (target) => {
        this.asking = false;
        if (round !== this.catchUpRound || this.catchUpTo === undefined) return;
        if (target === undefined || reachedTo === undefined || target <= reachedTo) return this.caughtUp();
        this.catchUpTo = target;
        this.catchUpAskedAt = askedAt;
      },
      () => {
        this.asking = false;
      },
    );
  }

  private async run(): Promise<void> {
    let resourceVersion: string | undefined;
    let attempt = 0;
    let opened = false;
    let expiredInARow = 0;
    while (!this.signal.aborted) {
      opened = false;
      let quiet: NodeJS.Timeout | undefined;
      try {
        if (resourceVersion === undefined) {
          resourceVersion = await this.relist();
          this.catchUpRound++;
          this.catchUpAskedAt = Date.now();
          const target = await this.catchUpTarget();
          const listed = comparableVersion(resourceVersion);
          this.catchUpTo = target !== undefined && listed !== undefined && target > listed ? target : undefined;
          this.markListed();
          attempt = 0;
        }
        // Resuming after a drop: live again only once the server accepts the watch (onOpen).
        const watchStarted = Date.now();
        let events = 0;
        let lastEventAt = Date.now();
        await this.api.watch(
          this.kind,
          {
            namespace: this.namespace,
            labelSelector: this.labelSelector,
            resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: this.watchTimeoutSeconds,
            idleTimeoutMs: this.silenceMs,
            signal: this.signal,
            onOpen: () => {
              opened = true;
              this.markListed();
              attempt = 0;
              lastEventAt = Date.now();
              if (this.catchUpTo !== undefined) {
                const every = CATCH_UP_QUIET_MS / 3;
                let tickAt = Date.now();
                quiet = setInterval(() => {
                  const now = Date.now();
                  // A late tick: the event loop was held (a frame, an analysis pass), so the
                  // stream had no turn to deliver; it gets one before its silence counts.
                  if (now - tickAt > 2 * every) lastEventAt = now;
                  tickAt = now;
                  if (now - lastEventAt >= (events > 0 ? CATCH_UP_QUIET_MS : CATCH_UP_FIRST_EVENT_MS)) this.caughtUp();
                  if (this.catchUpTo === undefined) clearInterval(quiet);
                }, every);
                quiet.unref();
              }
            },
          },
          (event) => {
            const rv = event.object.metadata?.resourceVersion;
            events++;
            expiredInARow = 0;
            lastEventAt = Date.now();
            if (rv) resourceVersion = rv;
            if (event.type !== 'BOOKMARK') this.store.apply(this.kind, event.type, event.object);
            // Bookmarks count too: a server sends them at its current resourceVersion.
            if (this.catchUpTo !== undefined) {
              const at = comparableVersion(rv);
              if (at !== undefined && at >= this.catchUpTo) this.reached();
            }
          },
        );
        // A clean end (server-side timeout): watch again from the last resourceVersion, at
        // once, unless the server ends watches as soon as they start (then back off).
        if (events === 0 && Date.now() - watchStarted < 1_000) {
          attempt++;
          await pause(backoffDelay(attempt, this.policy), this.signal);
        }
      } catch (err) {
        if (this.signal.aborted || isAbortError(err)) break;
        // A silent watch on an accepted connection is re-opened without alarm: a quiet kind
        // on a real apiserver sends nothing for minutes, and a dead peer shows up as a failure
        // of the new connection, which is reported like any other.
        if (err instanceof SilenceError && opened) continue;
        const code = statusCode(err);
        if (code === 410) {
          resourceVersion = undefined; // too old: relist, replacing the kind wholesale
          // Relist at once the first time; a server that keeps answering 410 gets backoff.
          if (++expiredInARow > 1) await pause(backoffDelay(expiredInARow - 1, this.policy), this.signal);
          continue;
        }
        if (code === 403 && this.namespace === undefined && this.fallbackNamespace && KIND_INFO[this.kind].namespaced) {
          this.namespace = this.fallbackNamespace;
          this.fallbackMessage = `listing ${this.kind} in all namespaces is forbidden; showing namespace "${this.fallbackNamespace}" only`;
          resourceVersion = undefined;
          continue;
        }
        const cause = describeError(err, this.errorContext);
        if (code === 403) {
          resourceVersion = undefined;
          this.setState({ phase: 'forbidden', message: cause });
          await pause(this.policy.slowMs, this.signal);
          continue;
        }
        if (code === 400 || code === 401 || code === 404 || err instanceof CredentialError) {
          resourceVersion = undefined;
          this.setState({ phase: 'failed', cause: `${cause} (retrying every ${Math.round(this.policy.slowMs / 1000)}s)` });
          await pause(this.policy.slowMs, this.signal);
          continue;
        }
        attempt++;
        this.troubleSince ??= Date.now();
        this.setState({ phase: 'reconnecting', since: this.troubleSince, cause, attempt });
        const retryAfter = err instanceof ApiStatusError ? err.retryAfterMs : undefined;
        await pause(backoffDelay(attempt, this.policy, retryAfter), this.signal);
      } finally {
        clearInterval(quiet);
      }
    }
  }

  /**
   * The server's resourceVersion now, just after a list: the changes made during the list
   * (the watch replays them from the list's version) end there. One object asked for (limit
   * 1), so the answer is the collection's current version at the cost of one small request.
   * Undefined when it cannot be had or compared: then there is nothing to wait for.
   */
  private async catchUpTarget(): Promise<bigint | undefined> {
    try {
      const page = await this.api.list(this.kind, { namespace: this.namespace, labelSelector: this.labelSelector, limit: 1, signal: this.signal, idleTimeoutMs: this.silenceMs });
      return comparableVersion(page.resourceVersion);
    } catch (err) {
      if (this.signal.aborted || isAbortError(err)) throw err;
      return undefined;
    }
  }

  /** Paginated list; each page goes into the store as it arrives. Returns the resourceVersion to watch from. */
  private async relist(): Promise<string> {
    this.store.beginResync(this.kind);
    let loaded = 0;
    let watchFrom: string | undefined;
    let cont: string | undefined;
    if (this.store.state(this.kind).phase !== 'reconnecting') this.setState({ phase: 'syncing', loaded: 0 });
    const fetchPage = (continueToken: string | undefined): Promise<ListPage> =>
      this.api.list(this.kind, {
        namespace: this.namespace,
        labelSelector: this.labelSelector,
        limit: this.pageSize,
        continue: continueToken,
        signal: this.signal,
        idleTimeoutMs: this.silenceMs,
      });
    let next: Promise<ListPage> | undefined = fetchPage(undefined);
    try {
      do {
        const pending: Promise<ListPage> | undefined = next;
        if (!pending) break;
        const page = await pending;
        next = undefined;
        cont = page.continue;
        const hold = this.holdAfterFirstPage?.();
        this.holdAfterFirstPage = undefined;
        // Pipelined: the server prepares the next page while this one goes into the store.
        // Pages are still applied in order: one in flight, one being applied.
        if (cont && !this.signal.aborted && !hold) next = fetchPage(cont);
        for (const item of page.items) this.store.apply(this.kind, 'ADDED', item);
        loaded += page.items.length;
        // The first page's resourceVersion: if a server's pages are not one snapshot, watching
        // from the earliest point replays what changed meanwhile, and replays are idempotent.
        watchFrom ??= page.resourceVersion;
        const total = page.remainingItemCount !== undefined ? loaded + page.remainingItemCount : undefined;
        this.setState(total !== undefined ? { phase: 'syncing', loaded, total } : { phase: 'syncing', loaded });
        if (hold && cont && !this.signal.aborted) {
          await settledOrAborted(hold, this.signal);
          if (!this.signal.aborted) next = fetchPage(cont);
        }
      } while (cont && !this.signal.aborted);
    } finally {
      // A page still in flight when the loop leaves (stop, a failing store listener) is
      // abandoned: its failure must not surface as an unhandled rejection.
      next?.catch(() => {});
    }
    // A stop mid-list must not sweep: the objects not yet re-seen are not gone.
    if (this.signal.aborted) throw new Error('stopped');
    this.store.endResync(this.kind);
    return watchFrom ?? '0';
  }
}
