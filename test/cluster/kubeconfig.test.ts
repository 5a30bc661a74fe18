// R5 and kubectl's KUBECONFIG merge: every bad kubeconfig is one UserError line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/cluster/errors.js';
import { loadKubeconfig, snapshotContext } from '../../src/cluster/kubeconfig.js';

let dir: string;
const empty = { env: {}, home: '/nonexistent-home-for-tests' };

function kubeconfig(opts: { current?: string; contexts: { name: string; cluster: string; user: string; namespace?: string }[]; clusters: { name: string; server: string; ca?: string }[]; users: { name: string; token?: string; certFile?: string }[] }): string {
  const lines = ['apiVersion: v1', 'kind: Config'];
  if (opts.current !== undefined) lines.push(`current-context: ${JSON.stringify(opts.current)}`);
  lines.push('clusters:');
  for (const c of opts.clusters) {
    lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${c.server}`);
    if (c.ca) lines.push(`    certificate-authority: ${c.ca}`);
  }
  lines.push('users:');
  for (const u of opts.users) {
    lines.push(`- name: ${u.name}`, '  user:');
    if (u.token) lines.push(`    token: ${u.token}`);
    if (u.certFile) lines.push(`    client-certificate: ${u.certFile}`, `    client-key: ${u.certFile}`);
  }
  lines.push('contexts:');
  for (const c of opts.contexts) {
    lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.cluster}`, `    user: ${c.user}`);
    if (c.namespace) lines.push(`    namespace: ${c.namespace}`);
  }
  return lines.join('\n') + '\n';
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function failure(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.exitCode).toBe(2);
    expect(e.message).not.toContain('\n');
    expect(e.message).not.toMatch(/\bat .*\.js:\d+/);
    return e;
  }
  throw new Error('expected a UserError');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podscope-kc-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loading a kubeconfig', () => {
  it('reads --kubeconfig, the current context and its namespace', () => {
    const file = write('one.yaml', kubeconfig({
      current: 'dev',
      clusters: [{ name: 'c1', server: 'https://127.0.0.1:6443' }],
      users: [{ name: 'u1', token: 'abc' }],
      contexts: [{ name: 'dev', cluster: 'c1', user: 'u1', namespace: 'shop' }, { name: 'other', cluster: 'c1', user: 'u1' }],
    }));
    const loaded = loadKubeconfig({ ...empty, kubeconfig: file });
    expect(loaded.contextName).toBe('dev');
    expect(loaded.server).toBe('https://127.0.0.1:6443');
    expect(loaded.namespace).toBe('shop');
    expect(loadKubeconfig({ ...empty, kubeconfig: file, context: 'other' }).namespace).toBe('default');
    expect(loadKubeconfig({ ...empty, kubeconfig: file, namespace: 'data' }).namespace).toBe('data');
  });

  it('--kubeconfig ignores KUBECONFIG', () => {
    const a = write('only-a.yaml', kubeconfig({ current: 'a', clusters: [{ name: 'c', server: 'https://a:1' }], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    const b = write('only-b.yaml', kubeconfig({ current: 'b', clusters: [{ name: 'c', server: 'https://b:1' }], users: [{ name: 'u' }], contexts: [{ name: 'b', cluster: 'c', user: 'u' }] }));
    const loaded = loadKubeconfig({ kubeconfig: a, env: { KUBECONFIG: b }, home: empty.home });
    expect(loaded.contextName).toBe('a');
    expect(loaded.kc.contexts.map((c) => c.name)).toEqual(['a']);
  });

  it('merges KUBECONFIG=a:b as kubectl does: first current-context wins, first duplicate wins, no throw', () => {
    const a = write('a.yaml', kubeconfig({
      current: 'alpha',
      clusters: [{ name: 'shared', server: 'https://first:1' }],
      users: [{ name: 'me', token: 'first-token' }],
      contexts: [{ name: 'alpha', cluster: 'shared', user: 'me' }, { name: 'dup', cluster: 'shared', user: 'me', namespace: 'from-a' }],
    }));
    const b = write('b.yaml', kubeconfig({
      current: 'beta',
      clusters: [{ name: 'shared', server: 'https://second:2' }, { name: 'bonly', server: 'https://b-only:3' }],
      users: [{ name: 'me', token: 'second-token' }],
      contexts: [{ name: 'beta', cluster: 'bonly', user: 'me' }, { name: 'dup', cluster: 'bonly', user: 'me', namespace: 'from-b' }],
    }));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: `${a}${path.delimiter}${b}` }, home: empty.home });
    expect(loaded.contextName).toBe('alpha');
    expect(loaded.server).toBe('https://first:1');
    expect(loaded.kc.contexts.map((c) => c.name)).toEqual(['alpha', 'dup', 'beta']);
    expect(loaded.kc.getContextObject('dup')?.namespace).toBe('from-a');
    expect(loaded.kc.getUser('me')?.token).toBe('first-token');
    expect(loadKubeconfig({ env: { KUBECONFIG: `${a}${path.delimiter}${b}` }, home: empty.home, context: 'beta' }).server).toBe('https://b-only:3');
  });

  it('takes the current-context from a later file when the first has none, and skips missing files', () => {
    const a = write('nocurrent.yaml', kubeconfig({ clusters: [{ name: 'c', server: 'https://x:1' }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }] }));
    const b = write('withcurrent.yaml', kubeconfig({ current: 'x', clusters: [], users: [], contexts: [] }));
    const loaded = loadKubeconfig({ env: { KUBECONFIG: [path.join(dir, 'missing.yaml'), a, b].join(path.delimiter) }, home: empty.home });
    expect(loaded.contextName).toBe('x');
  });

  it('falls back to ~/.kube/config', () => {
    const home = path.join(dir, 'home');
    fs.mkdirSync(path.join(home, '.kube'), { recursive: true });
    fs.writeFileSync(path.join(home, '.kube', 'config'), kubeconfig({ current: 'h', clusters: [{ name: 'c', server: 'https://h:1' }], users: [{ name: 'u' }], contexts: [{ name: 'h', cluster: 'c', user: 'u' }] }));
    expect(loadKubeconfig({ env: {}, home }).contextName).toBe('h');
  });

  it('snapshots one context so a client can never mix two contexts', () => {
    const file = write('two.yaml', kubeconfig({
      current: 'a',
      clusters: [{ name: 'ca', server: 'https://a:1' }, { name: 'cb', server: 'https://b:2' }],
      users: [{ name: 'ua', token: 'ta' }, { name: 'ub', token: 'tb' }],
      contexts: [{ name: 'a', cluster: 'ca', user: 'ua' }, { name: 'b', cluster: 'cb', user: 'ub' }],
    }));
    const { kc } = loadKubeconfig({ ...empty, kubeconfig: file });
    const snap = snapshotContext(kc, 'b');
    expect(snap.getCurrentCluster()?.server).toBe('https://b:2');
    expect(snap.getCurrentUser()?.token).toBe('tb');
    expect(snap.users.map((u) => u.name)).toEqual(['ub']);
    kc.setCurrentContext('a');
    expect(snap.getCurrentUser()?.token).toBe('tb');
  });
});

describe('R5: bad kubeconfigs are one distinct line each', () => {
  it('missing --kubeconfig file', () => {
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: path.join(dir, 'nope.yaml') })).message).toMatch(/^kubeconfig file ".*nope\.yaml" not found \(--kubeconfig\)/);
  });
  it('malformed YAML', () => {
    const file = write('bad.yaml', 'clusters: [\n  - name: x\n  : : :\n');
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/is not valid YAML/);
  });
  it('YAML that is not a kubeconfig', () => {
    const file = write('notkc.yaml', 'clusters:\n- cluster: {}\n');
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/is not a valid kubeconfig: clusters\[0\]/);
  });
  it('unknown context names the known ones', () => {
    const file = write('ctx.yaml', kubeconfig({ current: 'a', clusters: [{ name: 'c', server: 'https://a:1' }], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }, { name: 'b', cluster: 'c', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file, context: 'x' })).message).toBe('context "x" not found in kubeconfig (known: a, b)');
  });
  it('no current-context', () => {
    const file = write('nocur.yaml', kubeconfig({ clusters: [{ name: 'c', server: 'https://a:1' }], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/^no current-context in kubeconfig .*; pass --context \(known: a\)/);
  });
  it('missing certificate-authority file', () => {
    const file = write('ca.yaml', kubeconfig({ current: 'a', clusters: [{ name: 'c', server: 'https://a:1', ca: 'missing-ca.crt' }], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/^certificate-authority of cluster "c": file ".*missing-ca\.crt" not found/);
  });
  it('missing client certificate file', () => {
    const file = write('cert.yaml', kubeconfig({ current: 'a', clusters: [{ name: 'c', server: 'https://a:1' }], users: [{ name: 'u', certFile: '/no/such/client.crt' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/^client-certificate of user "u": file "\/no\/such\/client\.crt" not found/);
  });
  it('context naming an undefined cluster', () => {
    const file = write('nocluster.yaml', kubeconfig({ current: 'a', clusters: [], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'gone', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/names cluster "gone", which the kubeconfig does not define/);
  });
  it('nothing anywhere suggests podscope demo', () => {
    expect(failure(() => loadKubeconfig(empty)).message).toMatch(/no kubeconfig found.*podscope demo/);
  });
  it('KUBECONFIG listing only missing files', () => {
    expect(failure(() => loadKubeconfig({ env: { KUBECONFIG: '/no/a:/no/b' }, home: empty.home })).message).toMatch(/none of the files in KUBECONFIG exist/);
  });
  it('plain http without insecure-skip-tls-verify', () => {
    const file = write('http.yaml', kubeconfig({ current: 'a', clusters: [{ name: 'c', server: 'http://a:1' }], users: [{ name: 'u' }], contexts: [{ name: 'a', cluster: 'c', user: 'u' }] }));
    expect(failure(() => loadKubeconfig({ ...empty, kubeconfig: file })).message).toMatch(/uses plain http/);
  });
  it('the cases give distinct messages', () => {
    const messages = new Set<string>();
    const missing = failure(() => loadKubeconfig({ ...empty, kubeconfig: path.join(dir, 'nope.yaml') })).message;
    const bad = failure(() => loadKubeconfig({ ...empty, kubeconfig: write('bad2.yaml', '{{{') })).message;
    messages.add(missing).add(bad);
    expect(messages.size).toBe(2);
  });
});
