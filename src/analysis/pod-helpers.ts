// Safe readers over an untrusted pod spec, shared by the rules so each rule file holds only
// its decision. Every reader accepts anything (null, a string where a list belongs, a
// number where an object belongs) and returns well-typed, possibly empty, results.
// Evidence paths are built here too, relative to the object as given (`specPath`).
import type { ContainerStatus, KubeObject, Pod } from '../model/kube.js';
import { sanitize } from '../model/sanitize.js';
import { PassMemo } from './pass-memo.js';

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as an array, or `[]` when it is not one. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asRecord(v: unknown): Json {
  return isRecord(v) ? v : {};
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A finite number, or a numeric string (YAML users write `"8080"`). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/**
 * One copy of each field path. Paths are few (`spec.containers[0].volumeMounts[1]`) but the
 * caches below keep one per container, mount and port of every distinct container list:
 * measured at 50,000 pods, 114,000 `path` rope strings (3.7 MB, plus their parts).
 */
const fieldPaths = new Map<string, string>();

function fieldPath(path: string): string {
  const known = fieldPaths.get(path);
  if (known !== undefined) return known;
  // Paths come from untrusted lists (a pod may declare thousands of ports): bounded.
  if (fieldPaths.size >= 10_000) fieldPaths.clear();
  fieldPaths.set(path, path);
  return path;
}

/**
 * The path of an item of a list under `base`: `spec.containers[0]` + `ports`, 1 →
 * `spec.containers[0].ports[1]`. Building the path to look it up in fieldPaths was a rope
 * string to hash for every port, mount and volume of every distinct container list (a cold
 * pass of 50,027 pods: ~30 ms); the bases are themselves fieldPaths' flat strings, whose hash
 * V8 keeps, so these lookups hash nothing new.
 */
const itemPaths = new Map<string, Map<string, string[]>>();
/** Past this index a path is made, not kept: a pod may declare thousands of ports. */
const MAX_KEPT_INDEX = 256;

function itemPath(base: string, field: string, index: number): string {
  if (index >= MAX_KEPT_INDEX) return fieldPath(`${base}.${field}[${index}]`);
  let byField = itemPaths.get(base);
  if (byField === undefined) {
    if (itemPaths.size >= 10_000) itemPaths.clear();
    itemPaths.set(base, (byField = new Map()));
  }
  let items = byField.get(field);
  if (items === undefined) byField.set(field, (items = []));
  return (items[index] ??= fieldPath(`${base}.${field}[${index}]`));
}

/**
 * A reader of text remembered by the text's value: images, mount paths and names repeat across
 * the pods of a cluster (35 distinct images and 17 mount paths in 70,633 containers of the
 * 50,027-pod demo), whatever objects hold them. Bounded, since the text comes from the
 * cluster. Answers that are objects are frozen: every caller gets the same one.
 */
function perText<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const value = known.get(text);
    if (value !== undefined || known.has(text)) return value as T;
    const out = read(text);
    if (out && typeof out === 'object') Object.freeze(out);
    if (known.size >= 10_000) known.clear();
    known.set(text, out);
    return out;
  };
}

/**
 * A finding text made of two values (a container's name, a field path, a setting), one copy per
 * pair. The same few texts recur in every template of a cluster (a cold pass of 50,027 pods
 * made 17,024 "may run as root" findings of 28 distinct messages); made anew, each was a rope
 * the live analysis's text interner then had to flatten and hash, while a text handed out
 * again has its hash already (V8 keeps it in the string). The values are flat strings the
 * readers keep (names, paths), so a lookup hashes nothing new. Bounded: names come from the
 * cluster.
 */
export function memoText(make: (a: string, b: string) => string): (a: string, b: string) => string {
  const byFirst = perText((a) => perText((b) => make(a, b)));
  return (a, b) => byFirst(a)(b);
}

export type ContainerGroup = 'initContainers' | 'containers';

/** One container of the pod with where it sits. */
export interface ContainerRef {
  /** The raw container object (checked to be a record). */
  c: Json;
  /** The container's name made safe to print, or `#index` when it has none. */
  name: string;
  /** The name exactly as given, for matching container statuses. */
  rawName: string;
  group: ContainerGroup;
  index: number;
  /** `spec.template.spec.containers[1]`. */
  path: string;
  /** An init container with `restartPolicy: Always`: runs alongside the app containers. */
  native: boolean;
  image: string;
}

/**
 * The refs of frozen container lists, by list and spec path. Nearly every rule starts with
 * podContainers, and the object store hands out deep-frozen container lists shared by all
 * replicas of a workload: building the refs (names sanitized, paths formatted) once per list
 * instead of once per rule and pod was about a sixth of a cold analysis of 50,000 pods. A frozen
 * list cannot change under the cache; an unfrozen one (a manifest, a test) is never cached.
 */
const frozenRefs = new PassMemo<object, { init: unknown; specPath: string; refs: readonly ContainerRef[] }[]>();

/** Regular and init containers of a spec, init containers first (their start order). Do not modify the result. */
export function podContainers(spec: unknown, specPath = 'spec'): ContainerRef[] {
  const s = asRecord(spec);
  const containers = s.containers;
  const init = s.initContainers;
  // Only frozen lists are remembered, and they stay frozen: a remembered list (with the same
  // init list) needs no isFrozen() again, which was a sixth of the calls' time.
  let entries = Array.isArray(containers) ? frozenRefs.get(containers) : undefined;
  if (entries !== undefined) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.init === init && e.specPath === specPath) return e.refs as ContainerRef[];
    }
  }
  const cacheable = Array.isArray(containers) && Object.isFrozen(containers) && (init === undefined || (Array.isArray(init) && Object.isFrozen(init)));
  if (!cacheable) return buildContainerRefs(s, specPath);
  const refs = buildContainerRefs(s, specPath, true);
  for (let i = 0; i < refs.length; i++) Object.freeze(refs[i]);
  longRunningOf.set(refs, Object.freeze(refs.filter(isLongRunning)));
  Object.freeze(refs);
  if (!entries) frozenRefs.set(containers, (entries = []));
  // A list is shared by pods with different init containers only when the store could not share those.
  if (entries.length >= 8) entries.shift();
  entries.push({ init, specPath, refs });
  return refs as ContainerRef[];
}

/** The refs of a spec's containers; `kept`: refs of a remembered list, which carry the readers' answers (KeptRef). */
function buildContainerRefs(s: Json, specPath: string, kept = false): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const group of ['initContainers', 'containers'] as const) {
    asArray(s[group]).forEach((raw, index) => {
      if (!isRecord(raw)) return;
      const rawName = asString(raw.name) || `#${index}`;
      const name = sanitize(rawName, 100);
      const path = itemPath(specPath, group, index);
      const native = group === 'initContainers' && raw.restartPolicy === 'Always';
      const image = sanitize(asString(raw.image) ?? '', 300);
      out.push(kept ? new KeptRef(raw, name, rawName, group, index, path, native, image) : { c: raw, name, rawName, group, index, path, native, image });
    });
  }
  return out;
}

/**
 * A ref of a list podContainers remembers. The readers' answers ride on it, one slot per
 * reader: a lookup in a memo per question (two, has then get) was about 200 ms CPU of a cold
 * 50,027-pod pass once the memos last one pass (--cpu-prof: PassMemo has/get/set 1.2 s over 6
 * passes). The ref lives as long as podContainers' per-pass cache, so the answers do too. A
 * private field: JSON and deep equality do not see it, and unlike the non-enumerable symbol
 * property it replaces it needs no Object.defineProperty, a runtime call per ref (with the
 * list's own, ~10-20 ms of a cold pass).
 */
class KeptRef implements ContainerRef {
  readonly #answers: unknown[] = [];

  constructor(
    readonly c: Json,
    readonly name: string,
    readonly rawName: string,
    readonly group: ContainerGroup,
    readonly index: number,
    readonly path: string,
    readonly native: boolean,
    readonly image: string,
  ) {}

  static answersOf(ref: ContainerRef): unknown[] | undefined {
    return #answers in ref ? (ref as KeptRef).#answers : undefined;
  }
}

/**
 * A reader of one container, remembered for frozen refs (those podContainers caches): every
 * rule asks the same questions of the same container, and replicas share their refs. The
 * answer is frozen too, so a caller that tried to change it would fail loudly, not silently
 * change another rule's view.
 */
function perFrozenRef<T>(read: (ref: ContainerRef) => T): (ref: ContainerRef) => T {
  const slot = readerSlots++;
  return (ref) => {
    const answers = KeptRef.answersOf(ref);
    if (answers === undefined) return read(ref);
    const known = answers[slot];
    if (known !== undefined) return (known === NO_VALUE ? undefined : known) as T;
    const value = read(ref);
    if (value && typeof value === 'object') Object.freeze(value);
    answers[slot] = value === undefined ? NO_VALUE : value;
    return value;
  };
}

/** The answer `undefined`, remembered (an empty slot is a question not asked yet). */
const NO_VALUE = Symbol('no value');
let readerSlots = 0;

/**
 * The long-running refs of each list podContainers remembers, made with the list: seven rules
 * ask for them of every template, and a new filtered list each time was ~35 ms of a cold
 * 50,027-pod pass.
 */
const longRunningOf = new PassMemo<readonly ContainerRef[], readonly ContainerRef[]>();

/** Runs for the life of the pod: a regular container or a native sidecar. */
export function isLongRunning(c: ContainerRef): boolean {
  return c.group === 'containers' || c.native;
}

/** Containers that run for the life of the pod: regular ones and native sidecars. Do not modify the result. */
export function longRunning(containers: ContainerRef[]): ContainerRef[] {
  return (longRunningOf.get(containers) as ContainerRef[] | undefined) ?? containers.filter(isLongRunning);
}

export interface PortDecl {
  port: number;
  protocol: string;
  name?: string;
  hostPort?: number;
  /** `spec.containers[0].ports[1]`. */
  path: string;
}

/**
 * A reader of one part of a container (its ports, a probe) at one path, remembered per frozen
 * part and path. The store shares parts equal by value between containers, also between
 * containers that differ elsewhere (a real pod's containers each mount its own token volume):
 * 70,633 containers of the 50,027-pod demo hold 14 distinct port lists and 11 liveness probes.
 * So a container list new to the pass reads each part once per path, not once per container.
 * The answers are shared, so frozen.
 */
function perPartAt<T>(read: (part: unknown, path: string) => T): (part: unknown, path: string) => T {
  const memo = new PassMemo<object, Map<string, T>>();
  return (part, path) => {
    if (!part || typeof part !== 'object' || !Object.isFrozen(part)) return read(part, path);
    let byPath = memo.get(part);
    if (byPath === undefined) memo.set(part, (byPath = new Map()));
    const known = byPath.get(path);
    if (known !== undefined || byPath.has(path)) return known as T;
    const value = read(part, path);
    if (Array.isArray(value)) for (const item of value) Object.freeze(item);
    if (value && typeof value === 'object') Object.freeze(value);
    byPath.set(path, value);
    return value;
  };
}

export const containerPorts: (ref: ContainerRef) => PortDecl[] = perFrozenRef((ref) => portsAt(ref.c.ports, ref.path));

const portsAt = perPartAt(readPorts);

function readPorts(ports: unknown, containerPath: string): PortDecl[] {
  const out: PortDecl[] = [];
  asArray(ports).forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const port = asNumber(raw.containerPort);
    if (port === undefined || port <= 0 || port > 65535) return;
    out.push({
      port,
      protocol: (asString(raw.protocol) ?? 'TCP').toUpperCase(),
      name: asString(raw.name),
      hostPort: asNumber(raw.hostPort),
      path: itemPath(containerPath, 'ports', i),
    });
  });
  return out;
}

export function formatPort(p: { port: number; protocol: string }): string {
  return `${p.port}/${p.protocol}`;
}

/** Evidence line for a declared port: `spec.containers[1].ports[0]: 8080/TCP (api)`. */
export function portEvidence(ref: ContainerRef, p: PortDecl): string {
  return `${p.path}: ${formatPort(p)} (${ref.name})`;
}

export type ProbeKindName = 'liveness' | 'readiness' | 'startup';

export interface ProbeInfo {
  kind: ProbeKindName;
  raw: Json;
  /** `spec.containers[0].readinessProbe`. */
  path: string;
  handler: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec' | 'none';
  /** The handler's port as written: a number or a port name. */
  port?: number | string;
}

/** A probe of a kind, per probe object and container path (perPartAt). */
function probeReader(kind: ProbeKindName, field: string): (ref: ContainerRef) => ProbeInfo | undefined {
  const at = perPartAt((raw, containerPath) => readProbe(raw, containerPath, kind, field));
  return perFrozenRef((ref) => at(ref.c[field], ref.path));
}

const probeReaders = {
  liveness: probeReader('liveness', 'livenessProbe'),
  readiness: probeReader('readiness', 'readinessProbe'),
  startup: probeReader('startup', 'startupProbe'),
};

export function containerProbe(ref: ContainerRef, kind: ProbeKindName): ProbeInfo | undefined {
  const reader = probeReaders[kind];
  return reader ? reader(ref) : readProbe(ref.c[`${kind}Probe`], ref.path, kind, `${kind}Probe`);
}

function readProbe(raw: unknown, containerPath: string, kind: ProbeKindName, field: string): ProbeInfo | undefined {
  if (!isRecord(raw)) return undefined;
  const path = `${containerPath}.${field}`;
  for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const h = raw[handler];
    if (isRecord(h)) {
      const n = asNumber(h.port);
      const port = n ?? asString(h.port);
      return { kind, raw, path, handler, port };
    }
  }
  if (isRecord(raw.exec)) return { kind, raw, path, handler: 'exec' };
  return { kind, raw, path, handler: 'none' };
}

export interface MountInfo {
  volume: string;
  mountPath: string;
  readOnly: boolean;
  path: string;
}

export const volumeMounts: (ref: ContainerRef) => MountInfo[] = perFrozenRef(readVolumeMounts);

function readVolumeMounts(ref: ContainerRef): MountInfo[] {
  const out: MountInfo[] = [];
  asArray(ref.c.volumeMounts).forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const volume = asString(raw.name);
    if (!volume) return;
    out.push({
      volume: sanitize(volume, 253),
      mountPath: sanitize(asString(raw.mountPath) ?? '', 200),
      readOnly: raw.readOnly === true,
      path: itemPath(ref.path, 'volumeMounts', i),
    });
  });
  return out;
}

export interface VolumeInfo {
  name: string;
  raw: Json;
  path: string;
  /** The volume source key: emptyDir, persistentVolumeClaim, configMap, hostPath, … */
  type: string;
  claimName?: string;
}

/** Volumes of frozen volume lists, by list and spec path (as podContainers; do not modify the result). */
const frozenVolumes = new PassMemo<object, Map<string, Map<string, VolumeInfo>>>();
/** The live pods' case (`spec`) without a Map per list for its one path: 12,000 Maps fewer at 50,000 pods. */
const frozenPodVolumes = new PassMemo<object, Map<string, VolumeInfo>>();

export function podVolumes(spec: unknown, specPath = 'spec'): Map<string, VolumeInfo> {
  const list = asRecord(spec).volumes;
  if (!Array.isArray(list)) return readVolumes(list, specPath);
  // As podContainers: only frozen lists are remembered, so a remembered one needs no isFrozen().
  if (specPath === 'spec') {
    let volumes = frozenPodVolumes.get(list);
    if (volumes) return volumes;
    volumes = readVolumes(list, specPath);
    if (Object.isFrozen(list)) frozenPodVolumes.set(list, volumes);
    return volumes;
  }
  if (!Object.isFrozen(list)) return readVolumes(list, specPath);
  let byPath = frozenVolumes.get(list);
  if (!byPath) frozenVolumes.set(list, (byPath = new Map()));
  let volumes = byPath.get(specPath);
  if (!volumes) byPath.set(specPath, (volumes = readVolumes(list, specPath)));
  return volumes;
}

function readVolumes(list: unknown, specPath: string): Map<string, VolumeInfo> {
  const out = new Map<string, VolumeInfo>();
  asArray(list).forEach((raw, i) => {
    if (!isRecord(raw)) return;
    const rawName = asString(raw.name);
    if (!rawName) return;
    const name = sanitize(rawName, 253);
    if (out.has(name)) return;
    const type = sourceKey(raw);
    const claimName = isRecord(raw.persistentVolumeClaim) ? asString(raw.persistentVolumeClaim.claimName) : undefined;
    out.set(name, { name, raw, path: itemPath(specPath, 'volumes', i), type, claimName });
  });
  return out;
}

/** The first key other than `name` (Object.keys order), without the list of keys: the volume's source. */
function sourceKey(raw: Json): string {
  for (const k in raw) if (k !== 'name' && Object.prototype.hasOwnProperty.call(raw, k)) return k;
  return 'unknown';
}

/** The kubelet's status for a container, from the live pod. */
export function containerStatus(pod: Pod | undefined, ref: ContainerRef): ContainerStatus | undefined {
  const status = asRecord(pod?.status);
  const list = asArray(ref.group === 'initContainers' ? status.initContainerStatuses : status.containerStatuses);
  return list.find((s) => isRecord(s) && s.name === ref.rawName) as ContainerStatus | undefined;
}

/** Live: the container is terminated now (state, not last state). */
export function isTerminated(pod: Pod | undefined, ref: ContainerRef): boolean {
  const st = containerStatus(pod, ref);
  return isRecord(st?.state) && isRecord((st.state as Json).terminated);
}

/** Lower-case image name without registry, tag or digest: `docker.io/istio/proxyv2:1.20` → `proxyv2`. */
export const imageBaseName: (image: string) => string = perText(readImageBaseName);

function readImageBaseName(image: string): string {
  const noDigest = image.split('@')[0];
  const last = noDigest.split('/').pop() ?? '';
  return last.split(':')[0].toLowerCase();
}

/** Image path without registry host and tag: `docker.io/istio/proxyv2:1.20` → `istio/proxyv2`. */
export const imagePath: (image: string) => string = perText(readImagePath);

function readImagePath(image: string): string {
  const noDigest = image.split('@')[0].toLowerCase();
  const parts = noDigest.split('/');
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
  const joined = parts.join('/');
  const colon = joined.lastIndexOf(':');
  return colon > joined.lastIndexOf('/') ? joined.slice(0, colon) : joined;
}

/** Command, args and literal env values of a container, as strings (untrusted text). */
export function commandLine(ref: ContainerRef): string[] {
  const out: string[] = [];
  for (const key of ['command', 'args']) {
    for (const a of asArray(ref.c[key])) if (typeof a === 'string') out.push(a);
  }
  for (const e of asArray(ref.c.env)) {
    if (isRecord(e) && typeof e.value === 'string') out.push(e.value);
  }
  return out;
}

/** Ports a container reaches on localhost according to its command, args and env. */
export function localhostTargets(ref: ContainerRef): number[] {
  const out = new Set<number>();
  const re = /(?:localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})\b/gi;
  for (const text of commandLine(ref)) {
    for (const m of text.matchAll(re)) out.add(Number(m[1]));
  }
  return [...out];
}

/** Whether the pod belongs to a Job (Job or CronJob manifest, Job owner, or restartPolicy). */
export function isBatchKind(kind: string | undefined): boolean {
  return kind === 'Job' || kind === 'CronJob';
}

export function ownerKinds(meta: unknown): string[] {
  return asArray(asRecord(meta).ownerReferences)
    .filter(isRecord)
    .map((o) => asString(o.kind) ?? '');
}

/**
 * Whether an ownerReference of the metadata is a Job or CronJob: ownerKinds(meta).some(isBatchKind)
 * without its two lists (three rules ask it of every template).
 */
export function ownedByBatch(meta: unknown): boolean {
  const refs = asRecord(meta).ownerReferences;
  if (!Array.isArray(refs)) return false;
  for (let i = 0; i < refs.length; i++) {
    const o = refs[i];
    if (isRecord(o) && isBatchKind(asString(o.kind))) return true;
  }
  return false;
}

/** Resource quantity present and non-empty. */
export function hasQuantity(resources: unknown, section: 'limits' | 'requests', name: string): boolean {
  const sec = asRecord(asRecord(resources)[section]);
  const v = sec[name];
  return (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));
}

/** JSON with sorted keys: two handlers written in a different key order compare equal. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * A pod that runs a task to completion: the pod template of a Job/CronJob, a pod owned by a
 * Job, or a pod whose restartPolicy is not Always (a one-shot task). Such pods receive no
 * traffic and are not probed for readiness.
 */
export function isBatchPod(object: { kind?: unknown }, podMeta: unknown, spec: unknown, owners: readonly unknown[] = []): boolean {
  return isRunByJob(object, podMeta, owners) || runsOnce(spec);
}

/** A Job or CronJob runs the pod: the manifest's kind, an owner reference of the pod, or a kind in its owner chain. */
export function isRunByJob(object: { kind?: unknown }, podMeta: unknown, owners: unknown): boolean {
  if (isBatchKind(asString(object.kind)) || ownedByBatch(podMeta)) return true;
  const chain = asArray(owners);
  for (let i = 0; i < chain.length; i++) if (isBatchKind(asString(asRecord(chain[i]).kind))) return true;
  return false;
}

/** The pod's restartPolicy is Never or OnFailure: a one-shot task. */
export function runsOnce(spec: unknown): boolean {
  const policy = asRecord(spec).restartPolicy;
  return policy === 'Never' || policy === 'OnFailure';
}

/** The role info of a container by name; containers the roles do not list count as main. */
export function roleFor(roles: readonly { name: string; role: string; kind?: string; native?: boolean }[], ref: ContainerRef) {
  // A loop, not roles.find(…): rules ask this of most containers, and the closure over ref was an allocation each time.
  if (Array.isArray(roles)) {
    for (let i = 0; i < roles.length; i++) {
      const r = roles[i];
      if (r && r.name === ref.name) return r;
    }
  }
  return { name: ref.name, role: ref.group === 'initContainers' && !ref.native ? 'init' : 'main' };
}

/** Databases and queues by image name, with the directories they keep their data in. */
const DATA_ENGINES: Record<string, string[]> = {
  postgres: ['/var/lib/postgresql/data', '/var/lib/postgresql', '/bitnami/postgresql', '/home/postgres/pgdata'],
  postgresql: ['/var/lib/postgresql/data', '/var/lib/postgresql', '/bitnami/postgresql'],
  mysql: ['/var/lib/mysql', '/bitnami/mysql'],
  mariadb: ['/var/lib/mysql', '/bitnami/mariadb'],
  mongo: ['/data/db', '/bitnami/mongodb'],
  mongodb: ['/data/db', '/bitnami/mongodb'],
  redis: ['/data', '/bitnami/redis/data'],
  elasticsearch: ['/usr/share/elasticsearch/data', '/bitnami/elasticsearch/data'],
  opensearch: ['/usr/share/opensearch/data'],
  kafka: ['/var/lib/kafka', '/var/lib/kafka/data', '/bitnami/kafka', '/kafka'],
  zookeeper: ['/data', '/datalog', '/var/lib/zookeeper', '/bitnami/zookeeper'],
  rabbitmq: ['/var/lib/rabbitmq', '/bitnami/rabbitmq/mnesia'],
  etcd: ['/var/lib/etcd', '/etcd-data', '/bitnami/etcd'],
  cassandra: ['/var/lib/cassandra', '/bitnami/cassandra'],
  clickhouse: ['/var/lib/clickhouse'],
  minio: ['/data', '/export'],
};
/** Image name parts that make a database-named image a tool around it, not the database. */
const NOT_THE_ENGINE = new Set(['exporter', 'operator', 'proxy', 'client', 'cli', 'ui', 'commander', 'admin', 'backup', 'sentinel-exporter', 'connect', 'rest', 'schema', 'manager', 'gui', 'bouncer', 'adapter', 'init', 'mc', 'express', 'router', 'sentinel', 'dump', 'migrate', 'migrations']);
/** Data directories that mark a container as stateful whatever its image. */
const DATA_PATHS = ['/var/lib/postgresql/data', '/var/lib/mysql', '/data/db', '/usr/share/elasticsearch/data', '/var/lib/rabbitmq', '/var/lib/etcd', '/var/lib/cassandra', '/var/lib/clickhouse', '/var/lib/kafka'];

export interface DataEngine {
  /** The engine name (`postgres`), or `data path` when only the mount path says so. */
  engine: string;
  dataPaths: string[];
}

/** The database or queue a container runs, recognised by image or by a data directory it mounts. */
export const dataEngine: (ref: ContainerRef) => DataEngine | undefined = perFrozenRef(readDataEngine);

function readDataEngine(ref: ContainerRef): DataEngine | undefined {
  const byImage = engineOfImage(ref.image);
  if (byImage) return byImage;
  // The mounts as volumeMounts() lists them (a record with a name), read by their raw path:
  // most containers are no database, and their mounts were read only to say so.
  const mounts = ref.c.volumeMounts;
  if (!Array.isArray(mounts)) return undefined;
  for (let i = 0; i < mounts.length; i++) {
    const raw = mounts[i];
    if (!isRecord(raw) || !asString(raw.name)) continue;
    const path = dataPathOf(asString(raw.mountPath) ?? '');
    if (path !== undefined) return { engine: 'data path', dataPaths: [path] };
  }
  return undefined;
}

/**
 * The engine an image runs, by the image alone: read once per image, not once per container
 * (a cold pass of 50,027 pods read 18,654 containers of 35 images: ~60 ms of splitting).
 */
const engineOfImage = perText((image): DataEngine | undefined => {
  const tokens = imageBaseName(image).split(/[-_]/);
  if (tokens.some((t) => NOT_THE_ENGINE.has(t))) return undefined;
  for (const t of tokens) {
    const paths = DATA_ENGINES[t] ?? DATA_ENGINES[t.replace(/\d+$/, '')];
    if (paths) return { engine: t.replace(/\d+$/, ''), dataPaths: paths };
  }
  return undefined;
});

/** A mount path (as written) at or under a database's data directory: the path as volumeMounts() shows it, else undefined. */
const dataPathOf = perText((written) => {
  const path = sanitize(written, 200);
  const dir = path.replace(/\/+$/, '') + '/';
  return DATA_PATHS.some((p) => dir.startsWith(p + '/')) ? path : undefined;
});

/** `a` equals `b` or lies under it (or the reverse: a mount above the data dir holds it). */
export function isWithin(a: string, b: string): boolean {
  const na = a.replace(/\/+$/, '') + '/';
  const nb = b.replace(/\/+$/, '') + '/';
  return na.startsWith(nb) || nb.startsWith(na);
}

/** Volume types whose content outlives the pod. */
export function isPersistentVolume(v: VolumeInfo | undefined): boolean {
  if (!v) return false;
  return !['emptyDir', 'ephemeral', 'configMap', 'secret', 'projected', 'downwardAPI', 'gitRepo', 'image', 'unknown'].includes(v.type);
}

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet']);

/** The Deployment/StatefulSet behind the subject (the engine gives a manifest's own object as its workload). */
export function replicatedWorkload(ctx: { workload?: KubeObject }): KubeObject | undefined {
  return ctx.workload && REPLICATED_KINDS.has(ctx.workload.kind ?? '') ? ctx.workload : undefined;
}
