// describeError: one line naming the cause and the fix, for every failure a user can cause.
import { describe, expect, it } from 'vitest';
import { ApiStatusError, SilenceError, UserError, describeError, statusErrorFromBody } from '../../src/cluster/errors.js';

const ctx = { server: 'https://10.0.0.1:6443', context: 'prod' };

function oneLine(text: string) {
  expect(text).not.toMatch(/[\n\r\x1b]/);
  return text;
}

describe('describeError', () => {
  it('names unreachable servers with the address, also through fetch-failed causes', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6443'), { code: 'ECONNREFUSED' });
    expect(oneLine(describeError(refused, ctx))).toMatch(/^cannot reach https:\/\/10\.0\.0\.1:6443 \(connection refused, ECONNREFUSED\).*context "prod"/);
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND k8s.example'), { code: 'ENOTFOUND' }) });
    expect(describeError(fetchFailed, ctx)).toMatch(/host not found/);
    expect(describeError(Object.assign(new Error('x'), { code: 'ETIMEDOUT' }), ctx)).toMatch(/timed out/);
  });

  it('names TLS failures', () => {
    expect(describeError(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), ctx)).toMatch(/^TLS failure .*unknown authority/);
    expect(describeError(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), ctx)).toMatch(/does not match the host name/);
    expect(describeError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), ctx)).toMatch(/has expired/);
  });

  it('maps statuses: 401, 403 (quoting the server), 404, 5xx, 429', () => {
    expect(describeError(new ApiStatusError(401, 'Unauthorized', 'Unauthorized'), ctx)).toBe(
      'the server rejected your credentials (401 Unauthorized) for context "prod": log in again / refresh the token',
    );
    const forbidden = statusErrorFromBody(403, JSON.stringify({ kind: 'Status', reason: 'Forbidden', message: 'pods is forbidden: User "dev" cannot list resource "pods" at the cluster scope' }));
    expect(describeError(forbidden, ctx)).toMatch(/^access denied \(403 Forbidden\): pods is forbidden: User "dev" cannot list/);
    expect(describeError(new ApiStatusError(404, 'NotFound', 'the server could not find the requested resource'), ctx)).toMatch(/^not found \(404\)/);
    expect(describeError(statusErrorFromBody(503, 'upstream down'), ctx)).toMatch(/^the server failed \(503\): upstream down/);
    expect(describeError(new ApiStatusError(429, undefined, undefined, 2000), ctx)).toMatch(/429/);
  });

  it('understands client-node ApiException (code + raw JSON body)', () => {
    const apiException = Object.assign(new Error('HTTP-Code: 403'), { code: 403, body: '{"kind":"Status","reason":"Forbidden","message":"nope"}' });
    expect(describeError(apiException, ctx)).toMatch(/403 Forbidden\): nope/);
  });

  it('makes server text inert and one line', () => {
    const hostile = new ApiStatusError(403, 'Forbidden', 'evil\x1b[2J\nsecond line');
    const line = oneLine(describeError(hostile, ctx));
    expect(line).toContain('\\x1b[2J second line');
  });

  it('passes UserError through and explains silence', () => {
    expect(describeError(new UserError('bad thing'))).toBe('bad thing');
    expect(describeError(new SilenceError(90_000), ctx)).toMatch(/sent nothing for 90s/);
    expect(oneLine(describeError('weird', ctx))).toMatch(/failed: weird/);
  });
});
