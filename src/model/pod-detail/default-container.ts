// Which container `l`, `p` and enter act on when the user has not chosen one: the one in
// trouble (port-clash's crash-looping `api`, whose previous log says why), else the first
// main container. kubectl picks the first container (or the default-container annotation);
// at 2 a.m. the failing one is the one wanted.
import type { Pod } from '../kube.js';
import { containerRows, type ContainerRow } from './containers.js';

/** Failing to run (CrashLoopBackOff, ImagePullBackOff, a non-zero exit), or restarting and not ready. */
export function containerInTrouble(c: ContainerRow): boolean {
  return c.state.tone === 'error' || (c.restarts > 0 && c.ready === false);
}

/** The default container among rows (with roles when the caller has them: then `main` is the role). */
export function defaultContainer(rows: readonly ContainerRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  return (
    rows.find((c) => c.placement !== 'init' && containerInTrouble(c)) ??
    rows.find(containerInTrouble) ??
    rows.find((c) => c.badge === 'main') ??
    rows.find((c) => c.placement === 'regular') ??
    rows[0]
  ).name;
}

/** The default container of a pod, from the pod alone (the Pods list's `l` and `p`). */
export function defaultContainerOfPod(pod: Pod | undefined | null): string | undefined {
  try {
    return defaultContainer(containerRows(pod));
  } catch {
    // Odd pod data (SPEC R8): no default rather than a crash.
    return undefined;
  }
}
