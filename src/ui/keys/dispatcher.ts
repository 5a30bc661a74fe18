// The one key dispatcher. The app shell owns the only Ink input handler and hands each key
// name, in order, to the first layer that wants it:
//   1. ctrl+c (always quits), 2. the shell's own modals (command line, help),
//   3. capture layers (a text box being typed into), newest first,
//   4. the active views' bindings, 5. the shell's global bindings.
// Deciding per key name inside one handler (not per React render) means a chunk like ':ns'
// or 'jjj' is split correctly even before React has re-rendered between the keys.
import { createContext } from 'react';
import { findBinding, type Binding } from './keymap.js';

export interface CaptureLayer {
  kind: 'capture';
  isActive(): boolean;
  /** Every key goes here while active; return false to let it fall through. */
  onKey(name: string): boolean;
}

export interface ViewLayer {
  kind: 'view';
  isActive(): boolean;
  bindings(): readonly Binding[];
  onCommand(command: string, name: string): void;
}

export type KeyLayer = CaptureLayer | ViewLayer;

export class KeyDispatcher {
  private readonly layers: KeyLayer[] = [];

  register(layer: KeyLayer): () => void {
    this.layers.push(layer);
    return () => {
      const i = this.layers.indexOf(layer);
      if (i >= 0) this.layers.splice(i, 1);
    };
  }

  /** Offers a key to capture layers, then to view bindings. True when someone took it. */
  dispatchToViews(name: string): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer.kind === 'capture' && layer.isActive() && layer.onKey(name)) return true;
    }
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer.kind !== 'view' || !layer.isActive()) continue;
      const binding = findBinding(layer.bindings(), name);
      if (binding) {
        layer.onCommand(binding.command, name);
        return true;
      }
    }
    return false;
  }

  /** True while a capture layer (a text box) is taking every key. */
  capturing(): boolean {
    return this.layers.some((l) => l.kind === 'capture' && l.isActive());
  }
}

/** Provided by the app shell; absent in a view rendered alone (tests), where views read input themselves. */
export const KeyDispatcherContext = createContext<KeyDispatcher | undefined>(undefined);

/**
 * Whether the view around this point is the one on top, asked at the moment a key arrives.
 * The shell provides it from its route stack (a ref), so a key that follows `enter` in the
 * same burst already goes to the new route, not to the list that React has not yet hidden.
 */
export const ViewActivityContext = createContext<() => boolean>(() => true);
