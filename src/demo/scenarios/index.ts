// The built-in scenarios of SPEC section 5, one file per namespace, on three nodes.
import type { DemoDataset } from '../types.js';
import { batch } from './batch.js';
import { data } from './data.js';
import { legacy } from './legacy.js';
import { ops } from './ops.js';
import { configMap, namespace, node } from './resources.js';
import { Scene, SCENARIO_NODES } from './scene.js';
import { shop } from './shop.js';

export const SCENARIO_NAMESPACES = ['default', 'kube-system', 'shop', 'data', 'batch', 'legacy', 'ops'] as const;

/** Namespaces and nodes; also used by the generator so generated pods land in the same cluster. */
export function clusterBase(scene: Scene): void {
  for (const ns of SCENARIO_NAMESPACES) {
    namespace(scene, ns, ns === 'default' || ns === 'kube-system' ? '90d' : '60d');
    configMap(scene, ns, 'kube-root-ca.crt', ns === 'default' || ns === 'kube-system' ? '90d' : '60d');
  }
  for (const info of SCENARIO_NODES) node(scene, info, '90d');
}

export function buildScenarios(now: Date): DemoDataset {
  const scene = new Scene(now);
  clusterBase(scene);
  shop(scene);
  data(scene);
  batch(scene);
  legacy(scene);
  ops(scene);
  return { objects: scene.objects, logs: scene.logs };
}
