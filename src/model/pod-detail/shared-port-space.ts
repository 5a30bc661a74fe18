// The Network panel: all containers of a pod share one network namespace, so their ports
// form ONE port space behind the pod IP. Two containers declaring 8080/TCP cannot both bind
// it (the second gets "address already in use"); `localhost:8080` inside the pod reaches
// whichever container holds it. This is the table no other tool draws.
import type { Pod } from '../kube.js';
import { bool, num, obj, objs, str } from './fields.js';
import { isFinishedInit, listContainers, type ContainerPlacement, type PodContainer } from './pod-containers.js';
import { podIPs } from './summary.js';

export interface PortRow {
  container: string;
  placement: ContainerPlacement;
  /** A plain init container that ran to completion: it no longer holds the port. */
  finished: boolean;
  name?: string;
  /** undefined when the spec's containerPort is missing or not a number. */
  port?: number;
  protocol: string;
  hostPort?: number;
  hostIP?: string;
  /** `spec.containers[1].ports[0]`. */
  specPath: string;
  conflict: boolean;
  /** The other containers this port clashes with. */
  conflictsWith: string[];
  /** `web and api both listen on 8080/TCP`, or the hostPort clash. */
  conflictReason?: string;
  /** What `localhost:PORT` (or the node's port, with hostNetwork) reaches: the owning container(s). */
  reaches: string;
}

export interface SharedPortSpace {
  podIPs: string[];
  hostNetwork: boolean;
  hostIP?: string;
  rows: PortRow[];
  conflicts: number;
}

interface Claim {
  row: PortRow;
  c: PodContainer;
}

/**
 * Whether two claims can be alive at once. Regular containers and native sidecars run
 * together. A plain init container runs alone before the regular containers start, beside
 * the native sidecars declared before it; once finished it holds nothing.
 */
function concurrent(a: Claim, b: Claim): boolean {
  if (a.c.name === b.c.name) return false;
  if (a.row.finished || b.row.finished) return false;
  const plainInit = (x: Claim) => x.c.placement === 'init';
  if (plainInit(a) && plainInit(b)) return false;
  if (plainInit(a)) return b.c.placement === 'native' && b.c.index < a.c.index;
  if (plainInit(b)) return a.c.placement === 'native' && a.c.index < b.c.index;
  return true;
}

function names(list: string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

export function sharedPortSpace(pod: Pod | undefined | null): SharedPortSpace {
  const p = obj(pod);
  const spec = obj(p.spec);
  const hostNetwork = bool(spec.hostNetwork) === true;
  const claims: Claim[] = [];
  for (const c of listContainers(pod)) {
    const finished = isFinishedInit(c);
    objs(c.spec.ports).forEach((port, i) => {
      // A protocol must be a word; a number there is a broken spec, read as the default.
      const protocol = typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol.toUpperCase() : 'TCP';
      const containerPort = num(port.containerPort);
      let hostPort = num(port.hostPort);
      // With hostNetwork the container binds the node's port directly: hostPort is the port.
      if (hostNetwork && containerPort !== undefined && hostPort === undefined) hostPort = containerPort;
      claims.push({
        c,
        row: {
          container: c.name,
          placement: c.placement,
          finished,
          name: str(port.name),
          port: containerPort,
          protocol,
          hostPort: hostPort !== undefined && hostPort > 0 ? hostPort : undefined,
          hostIP: str(port.hostIP),
          specPath: `${c.specPath}.ports[${i}]`,
          conflict: false,
          conflictsWith: [],
          reaches: '',
        },
      });
    });
  }

  for (const a of claims) {
    const clashes: string[] = [];
    let reason: string | undefined;
    for (const b of claims) {
      if (!concurrent(a, b)) continue;
      const samePort = a.row.port !== undefined && a.row.port === b.row.port && a.row.protocol === b.row.protocol;
      const sameHostPort =
        a.row.hostPort !== undefined && a.row.hostPort === b.row.hostPort && a.row.protocol === b.row.protocol;
      if (samePort || sameHostPort) {
        if (!clashes.includes(b.c.name)) clashes.push(b.c.name);
        const port = samePort ? a.row.port : a.row.hostPort;
        reason ??= samePort
          ? `${names(orderedNames(claims, a, b))} both listen on ${port}/${a.row.protocol}`
          : `${names(orderedNames(claims, a, b))} both take hostPort ${port}/${a.row.protocol}`;
      }
    }
    if (clashes.length > 0) {
      a.row.conflict = true;
      a.row.conflictsWith = clashes;
      a.row.conflictReason = reason;
    }
  }

  for (const a of claims) a.row.reaches = reaches(a, claims, hostNetwork);

  const rows = claims.map((x) => x.row);
  return {
    podIPs: podIPs(p),
    hostNetwork,
    hostIP: str(obj(p.status).hostIP),
    rows,
    conflicts: rows.filter((r) => r.conflict).length,
  };
}

/** The two containers of a clash in spec order, so the sentence reads the same from both rows. */
function orderedNames(claims: Claim[], a: Claim, b: Claim): string[] {
  return claims.indexOf(a) < claims.indexOf(b) ? [a.c.name, b.c.name] : [b.c.name, a.c.name];
}

function reaches(a: Claim, claims: Claim[], hostNetwork: boolean): string {
  if (a.row.port === undefined) return '';
  const proto = a.row.protocol === 'TCP' ? '' : `/${a.row.protocol}`;
  const where = hostNetwork ? `node:${a.row.port}${proto}` : `localhost:${a.row.port}${proto}`;
  if (a.row.finished) return `${where} → nothing (${a.c.name} finished)`;
  const holders = claims
    .filter((b) => b === a || (b.row.port === a.row.port && b.row.protocol === a.row.protocol && concurrent(a, b)))
    .map((b) => b.c.name);
  const unique = [...new Set(holders)];
  if (unique.length > 1) return `${where} → ${unique.join(' or ')} (whichever binds first)`;
  return `${where} → ${a.c.name}`;
}
