// The one way a view receives keys: key names routed through its bindings to commands.
import { useCallback, useContext, useEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { findBinding, keyNames, type Binding } from './keymap.js';
import { KeyDispatcherContext, ViewActivityContext } from './dispatcher.js';

/**
 * Routes each key through `bindings` and calls `onCommand`. Inside the app shell the keys
 * come from its dispatcher (modals first, then views, see dispatcher.ts); rendered alone
 * (tests) the view reads Ink's input itself. Handler, bindings and `active` live in refs:
 * keys that arrive before React re-runs effects reach the newest handler, never a stale
 * closure. `active` false (a modal is open above the view) stops routing.
 */
export function useViewKeys(
  bindings: Binding[],
  onCommand: (command: string, keyName: string) => void,
  active: boolean,
): void {
  const dispatcher = useContext(KeyDispatcherContext);
  const onTop = useContext(ViewActivityContext);
  const handler = useRef(onCommand);
  handler.current = onCommand;
  const keys = useRef(bindings);
  keys.current = bindings;
  const isActive = useRef(active);
  isActive.current = active;

  useEffect(() => {
    if (!dispatcher) return;
    return dispatcher.register({
      kind: 'view',
      isActive: () => isActive.current && onTop(),
      bindings: () => keys.current,
      onCommand: (command, name) => handler.current(command, name),
    });
  }, [dispatcher, onTop]);

  const stableInput = useCallback((input: string, key: Key) => {
    for (const name of keyNames(input, key)) {
      if (name === 'ctrl+c') continue;
      const binding = findBinding(keys.current, name);
      if (binding) handler.current(binding.command, name);
    }
  }, []);
  useInput(stableInput, { isActive: active && !dispatcher });
}

/**
 * Takes every key while `active` (a text box being typed into): `onKey` returns true for
 * keys it used. Pass `active` as a function reading a ref when the box opens from a key
 * handler, so the rest of the same input chunk already goes to the box. Same
 * dispatcher/standalone split as useViewKeys.
 */
export function useKeyCapture(onKey: (name: string) => boolean, active: boolean | (() => boolean)): void {
  const dispatcher = useContext(KeyDispatcherContext);
  const onTop = useContext(ViewActivityContext);
  const handler = useRef(onKey);
  handler.current = onKey;
  const isActive = useRef(active);
  isActive.current = active;
  const activeNow = () => (typeof isActive.current === 'function' ? isActive.current() : isActive.current) && onTop();

  useEffect(() => {
    if (!dispatcher) return;
    return dispatcher.register({ kind: 'capture', isActive: activeNow, onKey: (name) => handler.current(name) });
  }, [dispatcher, onTop]);

  // Standalone, a capture box that opens from a key in the same chunk ('/web') must see the
  // rest of the chunk: input stays subscribed and `active` is asked per key.
  const stableInput = useCallback((input: string, key: Key) => {
    for (const name of keyNames(input, key)) if (name !== 'ctrl+c' && activeNow()) handler.current(name);
  }, []);
  useInput(stableInput, { isActive: !dispatcher });
}
