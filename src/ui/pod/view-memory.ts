// Where the user was in a pod: the shell mounts only the top view, so a trip to a container,
// its logs or the YAML unmounts the Pod view, and esc would land on the Summary panel with
// every cursor lost. The view's state is kept here by route (pod + first panel) and given
// back when the view mounts again. Bounded: only the pods visited last are remembered.
import type { ViewState } from './view-state.js';

const LIMIT = 32;
const remembered = new Map<string, ViewState>();

export function recallViewState(route: string): ViewState | undefined {
  return remembered.get(route);
}

export function rememberViewState(state: ViewState): void {
  // Re-inserted at the end: the Map's order is the order of last use.
  remembered.delete(state.route);
  remembered.set(state.route, state);
  if (remembered.size > LIMIT) remembered.delete(remembered.keys().next().value as string);
}

/** Tests: start from nothing remembered. */
export function forgetViewStates(): void {
  remembered.clear();
}
