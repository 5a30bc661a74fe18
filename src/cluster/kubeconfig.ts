// Finding and loading the kubeconfig the way kubectl does, with client-node's KubeConfig
// doing the parsing and, later, the auth (exec plugins, OIDC, tokens, client certs, TLS).
//
// Why not KubeConfig.loadFromDefault(): with KUBECONFIG=a:b it takes b's current-context
// (kubectl takes the first file's) and throws on a name that appears in two files (kubectl
// keeps the first). We merge the files ourselves. Every way this can go wrong becomes a
// distinct one-line UserError.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster, Context, User } from '@kubernetes/client-node';
import { UserError, inert } from './errors.js';

export interface KubeconfigOptions {
  /** `--kubeconfig FILE`: only that file, KUBECONFIG is ignored (as kubectl does). */
  kubeconfig?: string;
  /** `--context NAME`. */
  context?: string;
  /** `-n NS`. */
  namespace?: string;
  /** For tests: defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** For tests: defaults to os.homedir(). */
  home?: string;
}

export interface LoadedKubeconfig {
  /** All contexts, clusters and users, merged. Never mutated after load. */
  kc: KubeConfig;
  /** The context in use (`--context` or the current-context). */
  contextName: string;
  server: string;
  /** `-n`, else the context's namespace, else "default". */
  namespace: string;
  /** Where it came from, for messages. */
  source: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Reads one kubeconfig file; every failure is a UserError naming the file. */
function loadFile(file: string, origin: string): KubeConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new UserError(`kubeconfig file "${inert(file)}" not found (${origin}); check the path`);
    if (code === 'EISDIR') throw new UserError(`kubeconfig "${inert(file)}" is a directory, not a file (${origin})`);
    throw new UserError(`cannot read kubeconfig "${inert(file)}" (${code ?? 'error'}); check its permissions`);
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
  } catch (err) {
    const e = err as { name?: string; code?: string; path?: string; message?: string };
    if (e.code === 'ENOENT') {
      throw new UserError(`kubeconfig "${inert(file)}" names a file that does not exist: ${inert(e.path ?? '')}`);
    }
    const detail = inert(String(e.message ?? err).split('\n')[0] ?? '', 200);
    if (e.name === 'YAMLException') throw new UserError(`kubeconfig "${inert(file)}" is not valid YAML: ${detail}`);
    throw new UserError(`kubeconfig "${inert(file)}" is not a valid kubeconfig: ${detail}`);
  }
  kc.makePathsAbsolute(path.dirname(file));
  return kc;
}

/** kubectl's merge: the first file that sets current-context wins; the first occurrence of a name wins. */
export function mergeKubeconfigs(configs: KubeConfig[]): KubeConfig {
  const merged = new KubeConfig();
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let currentContext = '';
  const addFirst = <T extends { name: string }>(into: T[], items: T[]) => {
    for (const item of items) if (!into.some((known) => known.name === item.name)) into.push(item);
  };
  for (const kc of configs) {
    if (!currentContext && kc.currentContext) currentContext = kc.currentContext;
    addFirst(clusters, kc.clusters ?? []);
    addFirst(users, kc.users ?? []);
    addFirst(contexts, kc.contexts ?? []);
  }
  merged.loadFromOptions({ clusters, users, contexts, currentContext });
  return merged;
}

function gatherConfig(opts: KubeconfigOptions): { kc: KubeConfig; source: string } {
  const env = opts.env ?? process.env;
  if (opts.kubeconfig !== undefined) {
    if (!opts.kubeconfig) throw new UserError('--kubeconfig needs a file name');
    return { kc: loadFile(opts.kubeconfig, '--kubeconfig'), source: opts.kubeconfig };
  }
  const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f.length > 0);
  if (listed.length > 0) {
    // kubectl skips KUBECONFIG entries that do not exist; it fails only when none does.
    const present = listed.filter((f) => fs.existsSync(f));
    if (present.length === 0) {
      throw new UserError(`none of the files in KUBECONFIG exist (${inert(listed.join(path.delimiter))}); fix KUBECONFIG or pass --kubeconfig`);
    }
    return { kc: mergeKubeconfigs(present.map((f) => loadFile(f, 'KUBECONFIG'))), source: present.join(path.delimiter) };
  }
  const home = opts.home ?? os.homedir();
  const homeConfig = path.join(home, '.kube', 'config');
  if (fs.existsSync(homeConfig)) return { kc: loadFile(homeConfig, '~/.kube/config'), source: homeConfig };
  if (env.KUBERNETES_SERVICE_HOST && fs.existsSync(path.join(SERVICE_ACCOUNT_DIR, 'token'))) {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    return { kc, source: 'in-cluster service account' };
  }
  throw new UserError(
    'no kubeconfig found (no --kubeconfig, KUBECONFIG unset, no ~/.kube/config, not running in a cluster); point --kubeconfig at one, or try `podscope demo`',
  );
}

function checkFile(file: string | undefined, what: string): void {
  if (file && !fs.existsSync(file)) throw new UserError(`${what} file "${inert(file)}" not found; fix the path in the kubeconfig`);
}

/** Loads the kubeconfig and resolves the context; throws UserError with one line on any problem. */
export function loadKubeconfig(opts: KubeconfigOptions = {}): LoadedKubeconfig {
  const { kc, source } = gatherConfig(opts);
  const known = kc.contexts.map((c) => c.name);
  const knownText = known.length ? known.map((n) => inert(n, 80)).join(', ') : 'none';
  const contextName = opts.context ?? kc.currentContext;
  if (!contextName) {
    throw new UserError(`no current-context in kubeconfig ${inert(source)}; pass --context (known: ${knownText})`);
  }
  const context = kc.getContextObject(contextName);
  if (!context) throw new UserError(`context "${inert(contextName, 80)}" not found in kubeconfig (known: ${knownText})`);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) {
    throw new UserError(`context "${inert(contextName, 80)}" names cluster "${inert(context.cluster, 80)}", which the kubeconfig does not define`);
  }
  const user = kc.getUser(context.user);
  if (!user) {
    throw new UserError(`context "${inert(contextName, 80)}" names user "${inert(context.user, 80)}", which the kubeconfig does not define`);
  }
  checkFile(cluster.caFile, `certificate-authority of cluster "${inert(cluster.name, 80)}":`);
  checkFile(user.certFile, `client-certificate of user "${inert(user.name, 80)}":`);
  checkFile(user.keyFile, `client-key of user "${inert(user.name, 80)}":`);
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new UserError(`cluster "${inert(cluster.name, 80)}" has an invalid server address "${inert(cluster.server, 120)}"`);
  }
  if (url.protocol === 'http:' && !cluster.skipTLSVerify) {
    throw new UserError(`cluster "${inert(cluster.name, 80)}" uses plain http (${inert(cluster.server, 120)}); use https or set insecure-skip-tls-verify: true`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`cluster "${inert(cluster.name, 80)}" has an unsupported server address "${inert(cluster.server, 120)}"`);
  }
  if (opts.namespace !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.namespace)) {
    throw new UserError(`"${inert(opts.namespace, 80)}" is not a valid namespace name`);
  }
  const namespace = opts.namespace ?? (context.namespace || 'default');
  return { kc, contextName, server: cluster.server, namespace, source };
}

/**
 * A KubeConfig holding exactly one context, its cluster and its user, with that context
 * current. API clients are made from such a snapshot so that a later context switch can
 * never pair one context's credentials with another context's server (client-node: a
 * client made before setCurrentContext keeps the old server but sends the new credentials).
 */
export function snapshotContext(kc: KubeConfig, contextName: string): KubeConfig {
  const context = kc.getContextObject(contextName);
  if (!context) throw new UserError(`context "${inert(contextName, 80)}" not found in kubeconfig`);
  const cluster = kc.getCluster(context.cluster);
  const user = kc.getUser(context.user);
  if (!cluster || !user) throw new UserError(`context "${inert(contextName, 80)}" is incomplete (cluster or user missing)`);
  const snapshot = new KubeConfig();
  snapshot.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: contextName });
  return snapshot;
}

/** Resolves a context by name for a switch: same checks as at start. */
export function resolveContext(kc: KubeConfig, contextName: string, namespace?: string): LoadedKubeconfig {
  // Re-run the checks on the already-loaded config without reading files again.
  const context = kc.getContextObject(contextName);
  if (!context) {
    const known = kc.contexts.map((c) => inert(c.name, 80)).join(', ') || 'none';
    throw new UserError(`context "${inert(contextName, 80)}" not found in kubeconfig (known: ${known})`);
  }
  const cluster = kc.getCluster(context.cluster);
  if (!cluster) throw new UserError(`context "${inert(contextName, 80)}" names a cluster the kubeconfig does not define`);
  return { kc, contextName, server: cluster.server, namespace: namespace ?? (context.namespace || 'default'), source: 'kubeconfig' };
}
