// The Container view: one container of a pod in full: image and image ID, current and last
// state, resources, its ports in the pod's shared port space, mounts, probes with their
// state, env var names (references shown, values never fetched), and its findings.
import { useEffect, useRef, useState } from 'react';
import { containerRoles } from '../../analysis/roles.js';
import type { Finding } from '../../analysis/types.js';
import type { KubeObject, Pod } from '../../model/kube.js';
import { containerDetail } from '../../model/pod-detail/container-detail.js';
import { sanitize } from '../../model/sanitize.js';
import type { ViewProps } from '../app-context.js';
import { useViewKeys } from '../keys/use-view-keys.js';
import { LinesBlock, seg } from '../pod/lines.js';
import { visibleFindings } from '../pod/overlay.js';
import { useStoreVersion } from '../shell/use-store-version.js';
import { useTicker } from '../pod/use-ticker.js';
import { containerViewBindings } from './bindings.js';
import { containerLines } from './container-lines.js';

export { containerViewBindings } from './bindings.js';

export interface ContainerViewProps extends ViewProps {
  /** `namespace/name` of the pod. */
  podKey: string;
  container: string;
}

function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    // Odd data in the store or a rule must not take the view down (SPEC R8).
    return fallback;
  }
}

export function ContainerView({ width, height, active, ctx, podKey, container }: ContainerViewProps) {
  useStoreVersion(ctx.store);
  useTicker(active);
  const [, setTick] = useState(0);
  const scroll = useRef(0);
  const maxScroll = useRef(0);
  // Reused for another container (a new route at the same place in the tree): back to the top.
  const shownFor = useRef('');
  if (shownFor.current !== `${podKey}\n${container}`) {
    shownFor.current = `${podKey}\n${container}`;
    scroll.current = 0;
  }

  useEffect(() => {
    if (active) ctx.setBindings(containerViewBindings);
  }, [active, ctx]);

  useViewKeys(
    containerViewBindings,
    (command) => {
      const page = Math.max(1, height - 2);
      const to = (n: number) => {
        scroll.current = Math.max(0, Math.min(maxScroll.current, n));
      };
      switch (command) {
        case 'down':
          to(scroll.current + 1);
          break;
        case 'up':
          to(scroll.current - 1);
          break;
        case 'page-down':
          to(scroll.current + page);
          break;
        case 'page-up':
          to(scroll.current - page);
          break;
        case 'top':
          to(0);
          break;
        case 'bottom':
          to(maxScroll.current);
          break;
        case 'logs':
        case 'previous-logs':
          ctx.nav.push({ view: 'logs', key: podKey, container, previous: command === 'previous-logs' });
          break;
        case 'yaml':
          ctx.nav.push({ view: 'yaml', kind: 'pods', key: podKey });
          break;
        case 'back':
          ctx.nav.pop();
          break;
      }
      setTick((t) => t + 1);
    },
    active,
  );

  if (width <= 0 || height <= 0) return null;
  const now = ctx.now();
  const pod = attempt(() => ctx.store.get('pods', podKey), undefined) as Pod | undefined;
  const namespace = pod?.metadata?.namespace;
  const pvcsByName = new Map<string, KubeObject>();
  if (pod && typeof namespace === 'string') {
    for (const pvc of attempt(() => ctx.store.byNamespace('persistentvolumeclaims', namespace), [])) {
      if (typeof pvc.metadata?.name === 'string') pvcsByName.set(pvc.metadata.name, pvc);
    }
  }
  const detail = pod
    ? containerDetail(pod, container, {
        roles: attempt(() => containerRoles(pod.spec), []),
        events: attempt(() => ctx.store.eventsFor(pod as KubeObject), []),
        pvcsByName,
        now,
      })
    : undefined;
  if (!detail) {
    const what = pod ? `Pod ${sanitize(podKey)} has no container ${sanitize(container)}.` : `Pod ${sanitize(podKey)} is not in the store (deleted, or not synced yet).`;
    return <LinesBlock lines={[[seg(what, 'warning')], [seg('esc goes back.', 'muted')]]} width={width} height={height} />;
  }
  const all = attempt<Finding[]>(() => ctx.analysis.findingsForPod(podKey), []);
  const findings = visibleFindings(all, ctx.overlay).filter((f) => f.container === container);
  const lines = containerLines({ podKey, detail, findings, width, now });
  // The identity line stays on top; the rest scrolls under it.
  const body = lines.slice(1);
  const bodyHeight = Math.max(0, height - 1);
  maxScroll.current = Math.max(0, body.length - bodyHeight);
  scroll.current = Math.min(scroll.current, maxScroll.current);
  const shown = [lines[0], ...body.slice(scroll.current, scroll.current + bodyHeight)];
  return <LinesBlock lines={shown} width={width} height={height} />;
}
