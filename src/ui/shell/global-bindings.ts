// Keys every view has, handled by the shell after the view had its chance.
import type { Binding } from '../keys/keymap.js';

export const globalBindings: Binding[] = [
  { keys: [':'], command: 'command', description: 'command line: :ns NAME, :ns all, :ctx NAME, :advice (this pod, or all), :theme NAME, :q', hint: 'command' },
  { keys: ['?'], command: 'help', description: 'help: the keys of this view' },
  { keys: ['a'], command: 'overlay', description: 'show/hide the advice overlay' },
  { keys: ['esc'], command: 'back', description: 'back' },
  { keys: ['q', 'ctrl+c'], command: 'quit', description: 'quit (ctrl+c quits even while typing)' },
];
