// The bench's own minimal, read-only view of the demo server: GET a page, list all pages,
// follow a watch. Kept apart from cluster/ so that the measuring stick does not share code
// (or bugs) with what it measures.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { parse as parseYaml } from 'yaml';

export interface ClusterAccess {
  server: string;
  ca?: Buffer;
  token?: string;
  insecure: boolean;
}

/** The current context's server, CA and bearer token (what `demo serve` writes). */
export function readKubeconfig(path: string): ClusterAccess {
  const doc = parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
  const named = (list: unknown, name: unknown): Record<string, unknown> => {
    const entry = (Array.isArray(list) ? list : []).find((e) => (e as { name?: unknown })?.name === name) as
      | Record<string, unknown>
      | undefined;
    return entry ?? {};
  };
  const context = named(doc?.contexts, doc?.['current-context']).context as Record<string, unknown> | undefined;
  const cluster = named(doc?.clusters, context?.cluster).cluster as Record<string, unknown> | undefined;
  const user = named(doc?.users, context?.user).user as Record<string, unknown> | undefined;
  if (typeof cluster?.server !== 'string') throw new Error(`${path}: no server for the current context`);
  const caData = cluster['certificate-authority-data'];
  const caFile = cluster['certificate-authority'];
  return {
    server: cluster.server,
    ca: typeof caData === 'string' ? Buffer.from(caData, 'base64') : typeof caFile === 'string' ? readFileSync(caFile) : undefined,
    token: typeof user?.token === 'string' ? user.token : undefined,
    insecure: cluster['insecure-skip-tls-verify'] === true,
  };
}

function request(access: ClusterAccess, path: string, signal?: AbortSignal, retried = false): Promise<import('node:http').IncomingMessage> {
  const url = new URL(path, access.server);
  return new Promise((resolve, reject) => {
    const req = https.get(
      url,
      {
        ca: access.ca,
        rejectUnauthorized: !access.insecure,
        headers: { Accept: 'application/json', ...(access.token ? { Authorization: `Bearer ${access.token}` } : {}) },
        signal,
      },
      (res) => {
        if ((res.statusCode ?? 0) >= 300) {
          res.resume();
          reject(new Error(`GET ${url.pathname}: HTTP ${res.statusCode}`));
        } else resolve(res);
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept connection the server closed at its idle timeout as this request went out
      // (after a long pause between two lists, such as storing 50,000 pods): sent once more.
      if (req.reusedSocket && err.code === 'ECONNRESET' && !retried && !signal?.aborted) resolve(request(access, path, signal, true));
      else reject(err);
    });
  });
}

export async function getJson<T = unknown>(access: ClusterAccess, path: string): Promise<T> {
  const res = await request(access, path);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

interface ListBody<T> {
  metadata?: { continue?: string; resourceVersion?: string };
  items?: T[];
}

/** Every item of a collection, following `continue` pages of `pageSize`. */
export async function listAll<T = unknown>(access: ClusterAccess, path: string, pageSize = 500): Promise<{ items: T[]; resourceVersion?: string }> {
  const items: T[] = [];
  let next: string | undefined;
  let resourceVersion: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await getJson<ListBody<T>>(access, `${path}${sep}limit=${pageSize}${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
    for (const item of page.items ?? []) items.push(item);
    next = page.metadata?.continue || undefined;
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
  } while (next);
  return { items, resourceVersion };
}

export interface WatchEventLine {
  type: string;
  object: { metadata?: { name?: string; namespace?: string; resourceVersion?: string } } & Record<string, unknown>;
}

/** Follows a watch, calling `onEvent` with each event and when it arrived; returns a stop function. */
export async function watch(access: ClusterAccess, path: string, onEvent: (event: WatchEventLine, at: number) => void): Promise<() => void> {
  const abort = new AbortController();
  const res = await request(access, path, abort.signal);
  let buffered = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    const at = performance.now();
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue; // heartbeat
      try {
        onEvent(JSON.parse(line) as WatchEventLine, at);
      } catch {
        // a malformed line is not an event
      }
    }
  });
  res.on('error', () => {}); // aborting ends the stream with an error; that is the way out
  return () => abort.abort();
}
