// Every failure a user can cause, turned into one line that names the cause and the fix.
//
// Three shapes of failure reach this file:
// - our own `ApiStatusError` (api.ts speaks node:https directly and builds it from the
//   response status and the Status body),
// - client-node's `ApiException` (`.code`, `.body` = raw JSON text) for code that uses the
//   generated clients,
// - network and TLS errors: node's errors with `.code` (ECONNREFUSED, CERT_HAS_EXPIRED…),
//   or client-node's `TypeError('fetch failed')` with the node error as `.cause`.
//
// Server messages are untrusted text: they are flattened to one line and control
// characters are made visible (`\x1b`) before they are quoted.

/** A failure the user caused and can fix. The CLI prints `message` alone and exits 2. */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A non-2xx answer from the API server, or an ERROR event in a watch stream. */
export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    /** Status.reason, e.g. `Forbidden`, `Expired`. */
    readonly reason: string | undefined,
    /** Status.message as the server wrote it (untrusted). */
    readonly serverMessage: string | undefined,
    /** From a Retry-After header (429/503), in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(`${code}${reason ? ` ${reason}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`);
    this.name = 'ApiStatusError';
  }
}

/** The kubeconfig's credentials could not be obtained (exec plugin failed, token file unreadable…). */
export class CredentialError extends Error {
  constructor(readonly detail: string) {
    super(`cannot get credentials: ${detail}`);
    this.name = 'CredentialError';
  }
}

/** A request or stream that stayed silent (not even a heartbeat) for too long. */
export class SilenceError extends Error {
  constructor(readonly silentMs: number) {
    super(`no data from the server for ${Math.round(silentMs / 1000)}s`);
    this.name = 'SilenceError';
  }
}

/** Builds an ApiStatusError from a status code and a response body (a Status, or anything). */
export function statusErrorFromBody(code: number, body: string, retryAfterMs?: number): ApiStatusError {
  let reason: string | undefined;
  let message: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const status = parsed as { reason?: unknown; message?: unknown };
      if (typeof status.reason === 'string') reason = status.reason;
      if (typeof status.message === 'string') message = status.message;
    }
  } catch {
    const text = body.trim();
    if (text) message = text.slice(0, 300);
  }
  return new ApiStatusError(code, reason, message, retryAfterMs);
}

/** One line, control characters visible, length bounded: safe to print from a cluster. */
export function inert(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/\r?\n/g, ' ').replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => {
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ErrorContext {
  server?: string;
  context?: string;
}

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  ECONNABORTED: 'connection aborted',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

const TLS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is signed by an unknown authority',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate is signed by an unknown authority',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match the host name',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not yet valid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port',
  EPROTO: 'the TLS handshake failed',
};

/** Walks `.cause` chains (fetch failed → node error) to the first error carrying a code. */
function rootCode(err: unknown): { code?: string; message: string } {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current === 'object') {
      const e = current as { code?: unknown; cause?: unknown; message?: unknown };
      if (typeof e.code === 'string') return { code: e.code, message: String(e.message ?? '') };
      if (e.cause) {
        current = e.cause;
        continue;
      }
      return { message: String(e.message ?? current) };
    }
    return { message: String(current) };
  }
  return { message: String(err) };
}

/** client-node's ApiException carries a numeric `.code` and the raw body text. */
function asStatus(err: unknown): ApiStatusError | undefined {
  if (err instanceof ApiStatusError) return err;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; body?: unknown };
    if (typeof e.code === 'number' && e.code >= 300) {
      return statusErrorFromBody(e.code, typeof e.body === 'string' ? e.body : JSON.stringify(e.body ?? ''));
    }
  }
  return undefined;
}

/** One line naming the cause and the fix. Never throws, never contains a stack. */
export function describeError(err: unknown, ctx: ErrorContext = {}): string {
  const server = ctx.server ? inert(ctx.server, 200) : 'the API server';
  const context = ctx.context ? `"${inert(ctx.context, 100)}"` : 'the current context';
  if (err instanceof UserError) return inert(err.message, 500);
  if (err instanceof CredentialError) {
    return `the credentials of context ${context} could not be obtained (${inert(err.detail, 200) || 'no detail'}): log in again or fix the exec plugin / token file in the kubeconfig`;
  }
  if (err instanceof SilenceError) {
    return `${server} sent nothing for ${Math.round(err.silentMs / 1000)}s; reconnecting (check the network or the server's health)`;
  }
  const status = asStatus(err);
  if (status) {
    const said = status.serverMessage ? `: ${inert(status.serverMessage)}` : '';
    switch (true) {
      case status.code === 400:
        return `the server refused the request (400 Bad Request)${said}; check the label selector and namespace`;
      case status.code === 401:
        return `the server rejected your credentials (401 Unauthorized) for context ${context}: log in again / refresh the token`;
      case status.code === 403:
        return `access denied (403 Forbidden)${said}; ask for read access (get/list/watch) or pick a namespace you can read with -n`;
      case status.code === 404:
        return `not found (404) on ${server}${said}; the resource or API may not exist on this cluster`;
      case status.code === 410:
        return `the watch position expired (410 Gone)${said}; relisting`;
      case status.code === 429:
        return `the server is throttling requests (429 Too Many Requests)${said}; retrying later`;
      case status.code >= 500:
        return `the server failed (${status.code}${status.reason ? ` ${inert(status.reason, 60)}` : ''})${said}; retrying (check the API server's health)`;
      default:
        return `the server answered ${status.code}${said}`;
    }
  }
  const { code, message } = rootCode(err);
  if (code && UNREACHABLE[code]) {
    return `cannot reach ${server} (${UNREACHABLE[code]}, ${code}): check that the cluster is running and the address in context ${context} is right`;
  }
  if (code && TLS[code]) {
    return `TLS failure talking to ${server}: ${TLS[code]} (${code}); check certificate-authority in the kubeconfig for context ${context}`;
  }
  if (code === 'ABORT_ERR') return 'the request was cancelled';
  const text = inert(message || String(err));
  return code ? `request to ${server} failed (${code}): ${text}` : `request to ${server} failed: ${text}`;
}
