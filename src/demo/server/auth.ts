// Bearer tokens: one admin token (written into the kubeconfig) and namespace-limited tokens
// issued on demand, which may only get/list/watch inside their namespaces, like a user bound
// to a Role in each namespace. Denials are shaped like the apiserver's RBAC messages.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { forbidden } from './status.js';

export interface Caller {
  user: string;
  /** Absent = may read everything (except secrets). */
  namespaces?: ReadonlySet<string>;
}

export class TokenRegistry {
  private readonly callers = new Map<string, Caller>();
  private issued = 0;

  constructor(readonly adminToken: string = newToken()) {
    this.callers.set(adminToken, { user: 'podscope-demo-admin' });
  }

  issue(namespaces: string[]): string {
    const token = newToken();
    this.issued++;
    this.callers.set(token, { user: `podscope-demo-limited-${this.issued}`, namespaces: new Set(namespaces) });
    return token;
  }

  /** The caller a request's `Authorization: Bearer` header names, or undefined (→ 401). */
  authenticate(req: IncomingMessage): Caller | undefined {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return m ? this.callers.get(m[1]) : undefined;
  }
}

/** Throws a 403 ApiError when `caller` may not `verb` the resource in `namespace` (undefined = cluster scope). */
export function authorize(caller: Caller, verb: string, resource: string, group: string, namespace: string | undefined): void {
  // There are no Secrets in the demo; any attempt to read one is refused so it is visible.
  if (resource === 'secrets' && group === '') throw forbidden(caller.user, verb, resource, group, namespace);
  if (!caller.namespaces) return;
  if (namespace === undefined || !caller.namespaces.has(namespace)) {
    throw forbidden(caller.user, verb, resource, group, namespace);
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}
