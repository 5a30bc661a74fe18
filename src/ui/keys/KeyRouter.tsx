// Owns the one Ink input handler and feeds the dispatcher key name by key name. The shell
// wraps the app in it; tests wrap a single view in it to get the same routing.
import { useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { KeyDispatcher, KeyDispatcherContext } from './dispatcher.js';
import { keyNames } from './keymap.js';

export interface KeyRouterProps {
  /** Asked first for every key (ctrl+c, the shell's modals); return true to consume it. */
  before?: (name: string) => boolean;
  /** Asked for keys no view took (global bindings). */
  after?: (name: string) => void;
  children: ReactNode;
}

export function KeyRouter(props: KeyRouterProps) {
  const dispatcher = useMemo(() => new KeyDispatcher(), []);
  const hooks = useRef(props);
  hooks.current = props;
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const name of keyNames(input, key)) {
        if (hooks.current.before?.(name)) continue;
        if (dispatcher.dispatchToViews(name)) continue;
        hooks.current.after?.(name);
      }
    },
    [dispatcher],
  );
  useInput(onInput);
  return <KeyDispatcherContext.Provider value={dispatcher}>{props.children}</KeyDispatcherContext.Provider>;
}
