// What every handler gets: the request, its parsed URL, the caller, and response helpers
// that also write the audit line (every response goes through `head`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoWorld } from '../world.js';
import type { AuditLog } from './audit.js';
import type { Caller, TokenRegistry } from './auth.js';
import type { PinnedLists } from './pinned-lists.js';
import type { StatusBody } from './status.js';

export interface ServerSettings {
  /** Blank-line heartbeat interval on watches. */
  heartbeatMs: number;
  /** BOOKMARK interval on watches that allow them. */
  bookmarkMs: number;
  /** The largest page a list returns, whatever `limit` asks. */
  maxPageSize: number;
}

export interface ServerState {
  world: DemoWorld;
  tokens: TokenRegistry;
  audit: AuditLog | undefined;
  settings: ServerSettings;
  hostPort: string;
  /** Snapshots of paginated lists in progress (their continue tokens). */
  pins: PinnedLists;
}

export class RequestContext {
  readonly path: string;
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  /** The apiserver's verb for this request (get, list, watch, create, update, patch, delete). */
  verb = 'get';
  caller: Caller | undefined;
  private headSent = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly state: ServerState,
  ) {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    this.path = decodePath(q >= 0 ? raw.slice(0, q) : raw);
    this.rawQuery = q >= 0 ? raw.slice(q + 1) : '';
    this.query = new URLSearchParams(this.rawQuery);
  }

  get world(): DemoWorld {
    return this.state.world;
  }

  /** Query flag as apiserver reads booleans: "true"/"1" (and bare `?follow`) are true. */
  flag(name: string): boolean {
    const v = this.query.get(name);
    return v !== null && (v === '' || v === 'true' || v === '1');
  }

  get headersSent(): boolean {
    return this.headSent;
  }

  head(status: number, contentType: string, extra: Record<string, string> = {}): void {
    this.headSent = true;
    this.state.audit?.record({ verb: this.verb, method: this.req.method ?? 'GET', path: this.path, query: this.rawQuery, status });
    this.res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...extra });
  }

  json(status: number, body: unknown, contentType = 'application/json'): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.head(status, contentType, { 'Content-Length': String(Buffer.byteLength(text)) });
    this.res.end(text);
  }

  status(body: StatusBody): void {
    this.json(body.code, body);
  }

  text(status: number, text: string): void {
    this.head(status, 'text/plain; charset=utf-8', { 'Content-Length': String(Buffer.byteLength(text)) });
    this.res.end(text);
  }

  /** Writes a chunk, waiting for the socket to drain when its buffer is full. */
  async write(chunk: string): Promise<void> {
    if (this.res.destroyed) throw new Error('client went away');
    if (!this.res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
  }
}

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
