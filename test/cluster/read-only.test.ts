// podscope never writes to a cluster: no code under src/ can build a write request, the
// facade can only express reads, and Secrets are refused before any request is made.
import fs from 'node:fs';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KubeReadOnlyApi } from '../../src/cluster/api.js';
import type { ReadOnlyApi } from '../../src/cluster/api.js';
import { UserError } from '../../src/cluster/errors.js';
import type { ResourceKind } from '../../src/model/kube.js';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

// The demo server answers requests and refuses writes; it never builds one. Everything
// else (cluster access, UI, CLI, model, analysis) is client code and must not.
const clientFiles = sourceFiles(SRC).filter((f) => !f.startsWith(path.join(SRC, 'demo') + path.sep));

const WRITE_PATTERNS: [string, RegExp][] = [
  ['an HTTP write method', /method\s*[:=]\s*['"`](POST|PUT|PATCH|DELETE)['"`]/i],
  ['a write verb in a request', /['"`](POST|PUT|PATCH|DELETE)['"`]\s*[,)]/],
  ['a client-node write call', /\.(create|delete|patch|replace)(Namespaced\w*|Collection\w*|Node|Namespace|PersistentVolume|ClusterRole\w*|CustomObject\w*)\s*\(/],
  ['client-node generic object API (has create/patch/delete)', /KubernetesObjectApi/],
  ['client-node exec/attach/port-forward/cp (they write to pods)', /\b(Exec|Attach|PortForward|Cp)\b\s*\(/],
];

describe('read-only by construction', () => {
  it('finds client code to scan (the scan is not vacuous)', () => {
    expect(clientFiles.some((f) => f.endsWith(path.join('cluster', 'api.ts')))).toBe(true);
  });

  for (const [what, pattern] of WRITE_PATTERNS) {
    it(`no source under src/ (outside the demo server) contains ${what}`, () => {
      const offenders = clientFiles.filter((f) => pattern.test(fs.readFileSync(f, 'utf8')));
      expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
    });
  }

  it('the patterns catch what they are meant to catch', () => {
    expect(WRITE_PATTERNS[0][1].test("const o = { method: 'DELETE' }")).toBe(true);
    expect(WRITE_PATTERNS[2][1].test('core.deleteNamespacedPod({ name })')).toBe(true);
    expect(WRITE_PATTERNS[2][1].test('apps.patchNamespacedDeployment(x)')).toBe(true);
    expect(WRITE_PATTERNS[2][1].test('seen.delete(key)')).toBe(false);
  });

  it('the facade exposes only reads', () => {
    expectTypeOf<keyof ReadOnlyApi>().toEqualTypeOf<'contextName' | 'server' | 'get' | 'list' | 'watch' | 'podLogs' | 'servesApi'>();
    const methods = Object.getOwnPropertyNames(KubeReadOnlyApi.prototype).filter((n) => n !== 'constructor');
    expect(methods.sort()).toEqual(['collect', 'get', 'list', 'podLogs', 'send', 'servesApi', 'watch']);
    const source = fs.readFileSync(path.join(SRC, 'cluster', 'api.ts'), 'utf8');
    // exactly one place makes a request, and its method comes from the verb table
    expect(source.match(/transport\.request\(/g)).toHaveLength(1);
    expect(source).toMatch(/options\.method = METHOD_OF_VERB\[spec\.verb\]/);
    const table = [...source.matchAll(/^\s*(\w+): '(GET|POST|PUT|PATCH|DELETE)',$/gm)].map((m) => `${m[1]}=${m[2]}`);
    expect(table).toEqual(['get=GET', 'list=GET', 'watch=GET', 'log=GET', 'discover=GET']);
  });

  it('refuses Secrets before any request (the server address is unreachable: a request would fail differently)', async () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: false }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
      currentContext: 'x',
    });
    const api = new KubeReadOnlyApi(kc, 'x');
    const secrets = 'secrets' as ResourceKind;
    await expect(api.get(secrets, 'shop', 'db-password')).rejects.toBeInstanceOf(UserError);
    await expect(api.list(secrets, { namespace: 'shop' })).rejects.toThrow(/does not read "secrets"/);
    await expect(api.watch(secrets, { resourceVersion: '1' }, () => {})).rejects.toBeInstanceOf(UserError);
    // a real kind does reach the network (and fails there), proving the refusal came first
    await expect(api.list('pods')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
