// The one way a view receives keys: key names routed through its bindings to commands.
import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { findBinding, keyNames, type Binding } from './keymap.js';

/**
 * Routes each key of each input chunk through `bindings` and calls `onCommand`. The handler
 * and bindings live in refs: keys that arrive before React re-runs effects (a fast typist,
 * a pasted chunk) reach the newest handler, never a stale closure. `active` false (a modal
 * is open above the view) stops routing; the shell handles ctrl+c itself.
 */
export function useViewKeys(
  bindings: Binding[],
  onCommand: (command: string, keyName: string) => void,
  active: boolean,
): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;
  const keys = useRef(bindings);
  keys.current = bindings;
  const stableInput = useCallback((input: string, key: Key) => {
    for (const name of keyNames(input, key)) {
      if (name === 'ctrl+c') continue;
      const binding = findBinding(keys.current, name);
      if (binding) handler.current(binding.command, name);
    }
  }, []);
  useInput(stableInput, { isActive: active });
}
