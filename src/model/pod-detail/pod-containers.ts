// The containers of one pod in the order the kubelet starts them: init containers (plain and
// native sidecars) first, then the regular containers, each joined with its status. Every
// pod-detail panel walks this one list, so "which containers does this pod have" is decided
// in one place.
import type { Pod } from '../kube.js';
import { obj, objs, str, type Json } from './fields.js';

/**
 * Where a container sits in the pod spec. `native` is an init container with
 * `restartPolicy: Always` (a native sidecar, Kubernetes 1.29+): it keeps running beside the
 * regular containers and shares their port space.
 */
export type ContainerPlacement = 'init' | 'native' | 'regular';

export interface PodContainer {
  name: string;
  placement: ContainerPlacement;
  /** Index within its spec list (initContainers or containers). */
  index: number;
  /** `spec.containers[1]`, `spec.initContainers[0]`: for evidence and anchors. */
  specPath: string;
  spec: Json;
  /** The matching entry of initContainerStatuses/containerStatuses, when there is one. */
  status: Json | undefined;
}

/** The pod's containers, init containers first. Nameless containers get a positional name. */
export function listContainers(pod: Pod | undefined | null): PodContainer[] {
  const p = obj(pod);
  const spec = obj(p.spec);
  const status = obj(p.status);
  const out: PodContainer[] = [];
  const add = (list: unknown, statuses: unknown, field: 'initContainers' | 'containers') => {
    const byName = new Map<string, Json>();
    for (const s of objs(statuses)) {
      const n = str(s.name);
      if (n !== undefined && !byName.has(n)) byName.set(n, s);
    }
    objs(list).forEach((c, index) => {
      const specPath = `spec.${field}[${index}]`;
      const name = str(c.name) ?? specPath;
      const placement: ContainerPlacement =
        field === 'containers' ? 'regular' : c.restartPolicy === 'Always' ? 'native' : 'init';
      out.push({ name, placement, index, specPath, spec: c, status: byName.get(name) });
    });
  };
  add(spec.initContainers, status.initContainerStatuses, 'initContainers');
  add(spec.containers, status.containerStatuses, 'containers');
  return out;
}

/**
 * A plain init container that ran to completion. It no longer holds ports or runs probes
 * (RULES: port-conflict guard).
 */
export function isFinishedInit(c: PodContainer): boolean {
  if (c.placement !== 'init' || !c.status) return false;
  const terminated = obj(obj(c.status.state).terminated);
  return terminated.exitCode === 0 || str(terminated.reason) === 'Completed';
}
