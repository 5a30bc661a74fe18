// host-path: a hostPath volume reaches into the node's filesystem, past the pod's isolation.
// A container runtime socket is the worst case: whoever talks to it can start privileged
// containers on the node.
import type { Decision, Rule, RuleContext, RuleHit } from '../rule.js';
import type { Severity } from '../types.js';
import { asArray, asRecord, asString, podVolumes, volumeMounts, type ContainerRef, type MountInfo, type VolumeInfo } from '../pod-helpers.js';
import { hitsOfDecisions, NOTHING, type PodFacts } from '../container-facts.js';
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
  decide: hostMounts,
  check(subject, ctx, facts) {
    return hitsOfDecisions(subject, ctx, facts, hostMounts, ({ severity, v, path, mounts, users, readOnly, holdsSocket, runtimeSocket }) => {
      const evidence = [`${v.path}.hostPath.path: ${path || '(empty)'}`];
      for (const { c, m } of mounts) evidence.push(`${m.path}: ${sanitize(m.mountPath, 120)} ${m.readOnly ? 'ro' : 'rw'} (${c.name})`);
      const who = users.length > 0 ? `mounted by ${users.join(', ')}` : 'mounted by no container';
      let message: string;
      if (severity === 'error') {
        message = runtimeSocket
          ? `volume ${v.name} mounts the container runtime socket ${path} (${who}): whoever uses it controls the node`
          : `volume ${v.name} mounts ${path} from the node read-write (${who}): it holds the container runtime socket, and whoever uses it controls the node`;
      } else {
        message = `volume ${v.name} mounts ${path || 'a host path'} from the node ${readOnly ? 'read-only' : 'read-write'} (${who})`;
        if (holdsSocket) message += '; it holds the container runtime socket, which a read-only mount does not protect';
        if (severity === 'info') message += '; a node agent reading host files, which is its job';
      }
      const hit: RuleHit = { volume: v.name, message, evidence };
      if (users.length === 1) hit.container = users[0];
      return hit;
    });
  },
};

/** A hostPath volume of the pod, with its path as shown, who mounts it and how, and what that makes it. */
interface HostMount extends Decision {
  v: VolumeInfo;
  path: string;
  mounts: { c: ContainerRef; m: MountInfo }[];
  users: string[];
  readOnly: boolean;
  holdsSocket: boolean;
  runtimeSocket: boolean;
}

function hostMounts(pod: PodFacts, ctx: RuleContext): readonly HostMount[] {
  const subject = pod.subject;
  // Nearly no pod has a hostPath volume: no list of the others.
  let volumes: VolumeInfo[] | undefined;
  for (const v of podVolumes(subject.spec, subject.specPath).values()) if (v.type === 'hostPath') (volumes ??= []).push(v);
  if (volumes === undefined) return NOTHING;
  const mirror = 'kubernetes.io/config.mirror' in asRecord(asRecord(subject.podMeta).annotations);
  const nodeAgent = ctx.workload?.kind === 'DaemonSet' || mirror;
  const containers = pod.refs;
  return volumes.map((v) => {
    const path = sanitize(asString(asRecord(v.raw.hostPath).path) ?? '', 120);
    const mounts = containers.flatMap((c) => volumeMounts(c).filter((m) => m.volume === v.name).map((m) => ({ c, m })));
    const users = [...new Set(mounts.map(({ c }) => c.name))];
    const readOnly = mounts.length > 0 && mounts.every(({ m }) => m.readOnly);
    const holdsSocket = SOCKET_FOLDERS.has(normalisePath(path));
    const runtimeSocket = RUNTIME_SOCKET.test(path);
    // A subPath mount reaches only a part of the folder: not counted as reaching the socket.
    const writesWhole = containers.some((c) =>
      asArray(c.c.volumeMounts).some((raw) => {
        const m = asRecord(raw);
        return m.name === v.name && m.readOnly !== true && !m.subPath && !m.subPathExpr;
      }),
    );
    const severity: Severity = runtimeSocket || (holdsSocket && writesWhole) ? 'error' : nodeAgent && readOnly ? 'info' : rule.severity;
    return { severity, v, path, mounts, users, readOnly, holdsSocket, runtimeSocket };
  });
}
