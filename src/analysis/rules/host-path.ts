// host-path: a hostPath volume reaches into the node's filesystem, past the pod's isolation.
// A container runtime socket is the worst case: whoever talks to it can start privileged
// containers on the node.
import type { Rule, RuleHit } from '../rule.js';
import { asArray, asRecord, asString, podContainers, podVolumes, volumeMounts, type VolumeInfo } from '../pod-helpers.js';
import { sanitize } from '../../model/sanitize.js';

const RUNTIME_SOCKET = /(^|\/)(docker|containerd|crio|cri-dockerd)\.sock$/;

// Folders that hold a runtime socket. A read-only mount does not protect a socket: the kernel
// refuses writes to regular files, folders and links on a read-only mount, not connect() to a
// socket, so `/var/run:ro` still reaches containerd.sock.
const SOCKET_FOLDERS = new Set(['/', '/run', '/var/run', '/run/containerd', '/var/run/containerd', '/run/crio', '/var/run/crio', '/run/docker', '/var/run/docker', '/run/k3s/containerd']);

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' && path.startsWith('/') ? '/' : trimmed;
}

export const rule: Rule = {
  id: 'host-path',
  severity: 'warning',
  runtime: false,
  title: 'hostPath volume',
  why:
    'A hostPath volume ties the pod to one node\'s files and lets it read (or write) outside its own isolation: ' +
    'node credentials, other pods\' data, /etc. A container runtime socket (docker.sock, containerd.sock, crio.sock) ' +
    'gives full control of the node (CIS 5.2.12, NIST SP 800-190 4.4.3).',
  fix: 'Use emptyDir, a PersistentVolumeClaim, a ConfigMap or a CSI driver instead; if a node agent truly needs host files, mount them read-only.',
  explain: {
    fires: 'The pod declares a hostPath volume: warning; error when the path is a container runtime socket.',
    guards: [
      'In DaemonSets and static pods (node agents) a hostPath mounted only read-only is info.',
      'Runtime sockets stay an error everywhere, and so does a read-write mount of a folder that holds one (/, /run, /var/run, /run/containerd…).',
      'A read-only mount of such a folder is not an error but says that read-only does not protect a socket (connect() ignores read-only mounts).',
    ],
    bad: `volumes:
- name: docker
  hostPath: {path: /var/run/docker.sock}`,
    good: `volumes:
- name: scratch
  emptyDir: {}`,
  },
  check(subject, ctx) {
    // Nearly no pod has a hostPath volume: no list of the others.
    let volumes: VolumeInfo[] | undefined;
    for (const v of podVolumes(subject.spec, subject.specPath).values()) if (v.type === 'hostPath') (volumes ??= []).push(v);
    if (volumes === undefined) return [];
    const workloadKind = ctx.workload?.kind;
    const mirror = 'kubernetes.io/config.mirror' in asRecord(asRecord(subject.podMeta).annotations);
    const nodeAgent = workloadKind === 'DaemonSet' || mirror;
    const containers = podContainers(subject.spec, subject.specPath);
    const hits: RuleHit[] = [];
    for (const v of volumes) {
      const path = sanitize(asString(asRecord(v.raw.hostPath).path) ?? '', 120);
      const mounts = containers.flatMap((c) => volumeMounts(c).filter((m) => m.volume === v.name).map((m) => ({ c, m })));
      const users = [...new Set(mounts.map(({ c }) => c.name))];
      const readOnly = mounts.length > 0 && mounts.every(({ m }) => m.readOnly);
      const evidence = [`${v.path}.hostPath.path: ${path || '(empty)'}`];
      for (const { c, m } of mounts) evidence.push(`${m.path}: ${sanitize(m.mountPath, 120)} ${m.readOnly ? 'ro' : 'rw'} (${c.name})`);
      const who = users.length > 0 ? `mounted by ${users.join(', ')}` : 'mounted by no container';
      let hit: RuleHit;
      const holdsSocket = SOCKET_FOLDERS.has(normalisePath(path));
      // A subPath mount reaches only a part of the folder: not counted as reaching the socket.
      const writesWhole = containers.some((c) =>
        asArray(c.c.volumeMounts).some((raw) => {
          const m = asRecord(raw);
          return m.name === v.name && m.readOnly !== true && !m.subPath && !m.subPathExpr;
        }),
      );
      if (RUNTIME_SOCKET.test(path) || (holdsSocket && writesWhole)) {
        hit = {
          severity: 'error',
          message: RUNTIME_SOCKET.test(path)
            ? `volume ${v.name} mounts the container runtime socket ${path} (${who}): whoever uses it controls the node`
            : `volume ${v.name} mounts ${path} from the node read-write (${who}): it holds the container runtime socket, and whoever uses it controls the node`,
          evidence,
        };
      } else {
        hit = {
          message: `volume ${v.name} mounts ${path || 'a host path'} from the node ${readOnly ? 'read-only' : 'read-write'} (${who})`,
          evidence,
        };
        if (holdsSocket) hit.message += '; it holds the container runtime socket, which a read-only mount does not protect';
        if (nodeAgent && readOnly) {
          hit.severity = 'info';
          hit.message += '; a node agent reading host files, which is its job';
        }
      }
      hit.volume = v.name;
      if (users.length === 1) hit.container = users[0];
      hits.push(hit);
    }
    return hits;
  },
};
