// The fixture of the Pod/Container view tests: the real demo scenarios in the real store with
// the real LiveAnalysis (test/ui/fixtures/demo-store.ts), behind an AppContext whose
// navigation and bindings are recorded.
import type { AppContext, Route } from '../../../src/ui/app-context.js';
import type { Binding } from '../../../src/ui/keys/keymap.js';
import type { ObjectStore } from '../../../src/cluster/store.js';
import { DEMO_NOW, demoStore } from '../fixtures/demo-store.js';
import { forgetViewStates } from '../../../src/ui/pod/view-memory.js';

export interface ScenarioContext {
  ctx: AppContext;
  store: ObjectStore;
  pushed: Route[];
  popped: number;
  bindings: Binding[][];
}

export async function scenarioContext(opts: { overlay?: boolean } = {}): Promise<ScenarioContext> {
  const { store, analysis } = await demoStore();
  // Each test starts with no Pod view remembered from an earlier one.
  forgetViewStates();
  const out: ScenarioContext = { store, pushed: [], popped: 0, bindings: [], ctx: undefined as never };
  out.ctx = {
    store,
    analysis,
    overlay: opts.overlay ?? true,
    now: () => DEMO_NOW,
    nav: { push: (r) => out.pushed.push(r), pop: () => void out.popped++ },
    setBindings: (b) => out.bindings.push(b),
  };
  return out;
}

/** The first pod whose key starts with `prefix` (`shop/api-`): scenario names carry hash suffixes. */
export function podKey(s: ScenarioContext, prefix: string): string {
  const pod = s.store.list('pods').find((p) => `${p.metadata?.namespace}/${p.metadata?.name}`.startsWith(prefix));
  if (!pod) throw new Error(`no scenario pod ${prefix}`);
  return `${pod.metadata!.namespace}/${pod.metadata!.name}`;
}
