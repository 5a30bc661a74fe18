// The read-only API facade: the only door from podscope to a cluster.
//
// What it can express is closed by construction: the exported interface has get, list,
// watch, pod logs and discovery, all GETs; the HTTP method comes from a fixed table keyed by
// a closed set of read verbs, and no caller can pass a method, a verb or a raw path. Paths
// are built only from KIND_INFO (which has no Secrets), and the Secrets check runs again
// on the built path before any byte is sent.
//
// Auth and TLS (tokens, exec plugins, OIDC, client certs, CA, insecure-skip-tls-verify,
// proxies) come from client-node's KubeConfig.applyToHTTPSOptions; the request itself is
// node:https, which lets us stream watch lines and logs and abort cleanly (client-node's
// Log can crash the process with an unhandled AbortError when a followed log is aborted).
import http from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject, ResourceKind } from '../model/kube.js';
import { KIND_INFO } from '../model/kinds.js';
import { slimObject } from './slim.js';
import { stripManagedFields } from './strip-managed-fields.js';
import type { StringTable } from './slim.js';
import { ApiStatusError, CredentialError, SilenceError, UserError, statusErrorFromBody } from './errors.js';

/** The closed set of things podscope ever asks a cluster. */
export type ReadVerb = 'get' | 'list' | 'watch' | 'log' | 'discover';
const METHOD_OF_VERB: Readonly<Record<ReadVerb, 'GET'>> = Object.freeze({
  get: 'GET',
  list: 'GET',
  watch: 'GET',
  log: 'GET',
  discover: 'GET',
});

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  signal?: AbortSignal;
  /** Abort with SilenceError after this long without a byte. Default 30 s. */
  idleTimeoutMs?: number;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion: string;
  allowWatchBookmarks?: boolean;
  /** Asks the server to end the watch cleanly after this long. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
  /** The silence detector: abort with SilenceError after this long without a byte (heartbeats count). */
  idleTimeoutMs?: number;
  /** Called once the server has accepted the watch (200 and headers). */
  onOpen?: () => void;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

export interface PodLogOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tailLines?: number;
  timestamps?: boolean;
}

/** Everything podscope can do to a cluster: read. */
export interface ReadOnlyApi {
  readonly contextName: string;
  readonly server: string;
  /** One object as the server has it, managedFields included (the YAML view shows them when asked). */
  get(kind: ResourceKind, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<KubeObject>;
  /** One page; items slimmed (slim.ts): without managedFields, container IDs, last-applied text. */
  list(kind: ResourceKind, opts?: ListOptions): Promise<ListPage>;
  /** Resolves when the server ends the watch cleanly; rejects on a failure or an ERROR event. */
  watch(kind: ResourceKind, opts: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void>;
  /** Streams log text; resolves when the log ends or `signal` aborts. */
  podLogs(opts: PodLogOptions, onChunk: (text: string) => void, signal?: AbortSignal): Promise<void>;
  /** Discovery: does the server serve this API group/version (e.g. metrics.k8s.io/v1beta1)? */
  servesApi(group: string, version: string, signal?: AbortSignal): Promise<boolean>;
}

const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const MAX_ERROR_BODY = 64 * 1024;

function abortError(): Error {
  const err = new Error('the request was cancelled');
  err.name = 'AbortError';
  (err as Error & { code: string }).code = 'ABORT_ERR';
  return err;
}

export function isAbortError(err: unknown): boolean {
  return !!err && typeof err === 'object' && ((err as Error).name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}

/** Builds `/api/v1/namespaces/NS/pods/NAME/log`-style paths from KIND_INFO only. */
function resourcePath(kind: ResourceKind, namespace?: string, name?: string, logs = false): string {
  const info = Object.prototype.hasOwnProperty.call(KIND_INFO, kind) ? KIND_INFO[kind] : undefined;
  if (!info || (kind as string) === 'secrets') throw new UserError(`podscope does not read "${String(kind)}"`);
  const resource = kind === 'podmetrics' ? 'pods' : kind;
  if ((resource as string) === 'secrets') throw new UserError('podscope never reads Secrets');
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const named = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  return `${base}${ns}/${resource}${named}${logs ? '/log' : ''}`;
}

/**
 * Gives list items their kind/apiVersion back. `slim` (lists and watches) also slims the
 * object (slim.ts: managedFields and unread fields dropped; repeated strings are shared by
 * the store, or here when given a table); without (get), the object stays as the server sent it.
 */
function ingest(kind: ResourceKind, obj: KubeObject, slim: boolean, strings?: StringTable): KubeObject {
  if (slim) slimObject(obj, strings);
  if (obj.kind === undefined) {
    const info = KIND_INFO[kind];
    obj.kind = info.kind;
    obj.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  }
  return obj;
}

/** One list response's text → its page, items ingested. */
export function parseListPage(kind: ResourceKind, body: string, strings?: StringTable): ListPage {
  const parsed = JSON.parse(stripManagedFields(body)) as { items?: unknown; metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number } };
  const items = Array.isArray(parsed.items) ? (parsed.items as KubeObject[]) : [];
  for (const item of items) if (item && typeof item === 'object') ingest(kind, item, true, strings);
  return {
    items: items.filter((item) => item && typeof item === 'object'),
    resourceVersion: parsed.metadata?.resourceVersion ?? '',
    continue: parsed.metadata?.continue || undefined,
    remainingItemCount: parsed.metadata?.remainingItemCount,
  };
}

/**
 * One line of a watch stream → its event, object ingested; undefined for a heartbeat (blank
 * line) or an unknown type. An ERROR event throws its ApiStatusError.
 */
export function parseWatchLine(kind: ResourceKind, line: string, strings?: StringTable): WatchEvent | undefined {
  if (line.trim() === '') return undefined; // blank lines are heartbeats
  const event = JSON.parse(stripManagedFields(line)) as { type?: string; object?: KubeObject };
  if (event.type === 'ERROR') {
    const status = (event.object ?? {}) as { code?: number; reason?: string; message?: string };
    throw new ApiStatusError(typeof status.code === 'number' ? status.code : 500, status.reason, status.message);
  }
  if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED' || event.type === 'BOOKMARK') {
    if (event.object && typeof event.object === 'object') return { type: event.type, object: ingest(kind, event.object, true, strings) };
  }
  return undefined;
}

interface RequestSpec {
  verb: ReadVerb;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  accept?: string;
  signal?: AbortSignal;
  idleTimeoutMs?: number;
  /** Called with each body chunk of a 2xx answer. */
  onData: (chunk: Buffer) => void;
  onOpen?: () => void;
}

export class KubeReadOnlyApi implements ReadOnlyApi {
  readonly server: string;
  private readonly origin: URL;
  /** One keep-alive agent per API: client-node makes a new agent (a new TLS connection) per request. */
  private keepAliveAgent: https.Agent | undefined;
  private readonly viaProxy: boolean;

  /** `kc` must hold exactly the one context to talk to (see snapshotContext()). */
  constructor(
    private readonly kc: KubeConfig,
    readonly contextName: string,
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new UserError(`context "${contextName}" has no cluster`);
    this.server = cluster.server;
    this.origin = new URL(cluster.server);
    this.viaProxy = !!cluster.proxyUrl;
  }

  async get(kind: ResourceKind, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<KubeObject> {
    const body = await this.collect({ verb: 'get', path: resourcePath(kind, namespace, name), signal });
    return ingest(kind, JSON.parse(body) as KubeObject, false);
  }

  async list(kind: ResourceKind, opts: ListOptions = {}): Promise<ListPage> {
    const body = await this.collect({
      verb: 'list',
      path: resourcePath(kind, opts.namespace),
      query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, limit: opts.limit, continue: opts.continue },
      signal: opts.signal,
      idleTimeoutMs: opts.idleTimeoutMs,
    });
    return parseListPage(kind, body);
  }

  async watch(kind: ResourceKind, opts: WatchOptions, onEvent: (event: WatchEvent) => void): Promise<void> {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    let failure: Error | undefined;
    const handleLine = (line: string) => {
      if (failure) return;
      let event: WatchEvent | undefined;
      try {
        event = parseWatchLine(kind, line);
      } catch (err) {
        if (err instanceof ApiStatusError) failure = err;
        throw err;
      }
      if (event) onEvent(event);
    };
    await this.send({
      verb: 'watch',
      path: resourcePath(kind, opts.namespace),
      query: {
        watch: 'true',
        resourceVersion: opts.resourceVersion,
        allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
        timeoutSeconds: opts.timeoutSeconds,
      },
      signal: opts.signal,
      idleTimeoutMs: opts.idleTimeoutMs,
      onOpen: opts.onOpen,
      onData: (chunk) => {
        const lines = (partial + decoder.write(chunk)).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) handleLine(line);
      },
    });
    handleLine(partial + decoder.end());
  }

  async podLogs(opts: PodLogOptions, onChunk: (text: string) => void, signal?: AbortSignal): Promise<void> {
    if (opts.tailLines !== undefined && (!Number.isInteger(opts.tailLines) || opts.tailLines < 0)) {
      throw new UserError(`tail lines must be a whole number >= 0, not ${opts.tailLines}`);
    }
    const decoder = new StringDecoder('utf8');
    try {
      await this.send({
        verb: 'log',
        path: resourcePath('pods', opts.namespace, opts.pod, true),
        query: {
          container: opts.container,
          follow: opts.follow ? 'true' : undefined,
          previous: opts.previous ? 'true' : undefined,
          tailLines: opts.tailLines,
          timestamps: opts.timestamps ? 'true' : undefined,
        },
        accept: '*/*',
        signal,
        idleTimeoutMs: opts.follow ? 0 : undefined,
        onData: (chunk) => {
          const text = decoder.write(chunk);
          if (text) onChunk(text);
        },
      });
    } catch (err) {
      if (signal?.aborted && isAbortError(err)) return; // the viewer closed the log
      throw err;
    }
    const rest = decoder.end();
    if (rest) onChunk(rest);
  }

  async servesApi(group: string, version: string, signal?: AbortSignal): Promise<boolean> {
    const body = await this.collect({ verb: 'discover', path: '/apis', accept: DISCOVERY_ACCEPT, signal });
    const parsed = JSON.parse(body) as {
      items?: { metadata?: { name?: string }; versions?: { version?: string }[] }[];
      groups?: { name?: string; versions?: { version?: string; groupVersion?: string }[] }[];
    };
    const aggregated = (parsed.items ?? []).some((g) => g?.metadata?.name === group && (g.versions ?? []).some((v) => v?.version === version));
    const legacy = (parsed.groups ?? []).some((g) => g?.name === group && (g.versions ?? []).some((v) => v?.version === version));
    return aggregated || legacy;
  }

  /**
   * The whole body as text, decoded chunk by chunk as it arrives. Not Buffer.concat: one
   * contiguous buffer per list page (1-2 MB at 250 pods) comes from malloc, and once glibc's
   * adaptive mmap threshold has risen past that size, from its main heap, which the freed
   * pages then fragment and never give back (measured at 50,027 pods: [heap] ~33 MB RSS).
   */
  private async collect(spec: Omit<RequestSpec, 'onData'>): Promise<string> {
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    await this.send({ ...spec, onData: (chunk) => parts.push(decoder.write(chunk)) });
    parts.push(decoder.end());
    return parts.join('');
  }

  /** The one place a request is made. Always GET, from METHOD_OF_VERB. */
  private async send(spec: RequestSpec): Promise<void> {
    if (spec.signal?.aborted) throw abortError();
    if (/\/secrets(\/|$)/.test(spec.path.replace(/\/namespaces\/[^/]+/, ''))) throw new UserError('podscope never reads Secrets');
    const url = new URL(this.origin.href);
    url.pathname = `${this.origin.pathname.replace(/\/+$/, '')}${spec.path}`;
    url.search = '';
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const options: https.RequestOptions = { headers: { Accept: spec.accept ?? 'application/json', 'User-Agent': 'podscope' } };
    // Credentials are fetched per request: exec plugins and token files may refresh them.
    try {
      await this.kc.applyToHTTPSOptions(options);
    } catch (err) {
      throw new CredentialError(String((err as Error)?.message ?? err).trim().split('\n')[0] ?? '');
    }
    // An exec plugin can take a while: a stop() during it must not start the request.
    if (spec.signal?.aborted) throw abortError();
    options.method = METHOD_OF_VERB[spec.verb];
    // The TLS material (CA, client cert) of a one-context snapshot never changes, so its
    // agent can be kept; proxy agents are left as client-node made them.
    if (!this.viaProxy && url.protocol === 'https:' && options.agent instanceof https.Agent) {
      const made = options.agent.options;
      const kept = this.keepAliveAgent?.options;
      // An exec plugin may hand out a new client certificate: then the kept agent is replaced.
      if (!this.keepAliveAgent || String(kept?.cert) !== String(made.cert) || String(kept?.key) !== String(made.key)) {
        this.keepAliveAgent?.destroy();
        this.keepAliveAgent = new https.Agent({ ...made, keepAlive: true });
      }
      options.agent = this.keepAliveAgent;
    }
    const transport = url.protocol === 'http:' ? http : https;
    const idleMs = spec.idleTimeoutMs ?? 30_000;

    // A kept connection the server is closing as the request goes out (its idle timeout, a
    // load balancer's) fails before any answer: the request never reached the API server, and
    // every request here is a read, so it is sent once more, on a new connection.
    try {
      await sendOnce(transport, url, options, spec, idleMs);
    } catch (err) {
      if (!(err instanceof StaleConnectionError)) throw err;
      if (spec.signal?.aborted) throw err.cause;
      await sendOnce(transport, url, options, spec, idleMs).catch((again: unknown) => {
        throw again instanceof StaleConnectionError ? again.cause : again;
      });
    }
  }
}

/** A request that failed on a kept connection before any answer: safe to send again. */
class StaleConnectionError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/** One try of a request (KubeReadOnlyApi.send). */
function sendOnce(transport: typeof http | typeof https, url: URL, options: https.RequestOptions, spec: RequestSpec, idleMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      spec.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const req = transport.request(url, options, (res) => {
      answered = true;
      const code = res.statusCode ?? 0;
      if (code < 200 || code >= 300) {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ERROR_BODY) parts.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => {
          const retryAfter = Number(res.headers['retry-after']);
          finish(statusErrorFromBody(code, Buffer.concat(parts).toString('utf8'), Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined));
        });
        res.on('error', (err) => finish(err));
        return;
      }
      spec.onOpen?.();
      res.on('data', (chunk: Buffer) => {
        try {
          spec.onData(chunk);
        } catch (err) {
          finish(err as Error);
          req.destroy();
        }
      });
      res.on('end', () => finish());
      res.on('error', (err) => finish(err));
      res.on('close', () => {
        // A server that dies mid-stream closes the socket without a proper end.
        if (!res.complete) finish(Object.assign(new Error('the server closed the connection mid-response'), { code: 'ECONNRESET' }));
      });
    });
    const onAbort = () => {
      req.destroy();
      finish(abortError());
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (idleMs > 0) {
      req.setTimeout(idleMs, () => {
        req.destroy();
        finish(new SilenceError(idleMs));
      });
    }
    req.on('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      finish(!answered && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE') ? new StaleConnectionError(err) : err);
    });
    req.end();
  });
}
