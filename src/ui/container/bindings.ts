// The keys of the Container view. The help screen is generated from this list.
import type { Binding } from '../keys/keymap.js';

export const containerViewBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'scroll down' },
  { keys: ['k', 'up'], command: 'up', description: 'scroll up' },
  { keys: ['pagedown'], command: 'page-down', description: 'page down' },
  { keys: ['pageup'], command: 'page-up', description: 'page up' },
  { keys: ['g', 'home'], command: 'top', description: 'top' },
  { keys: ['G', 'end'], command: 'bottom', description: 'bottom' },
  { keys: ['l'], command: 'logs', description: 'logs of this container' },
  { keys: ['p'], command: 'previous-logs', description: 'logs of the previous instance', hint: 'previous' },
  { keys: ['y'], command: 'yaml', description: 'YAML of the pod' },
  { keys: ['esc'], command: 'back', description: 'back to the pod' },
];
