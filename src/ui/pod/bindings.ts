// The keys of the Pod view. The help screen is generated from this list.
import type { Binding } from '../keys/keymap.js';

export const podViewBindings: Binding[] = [
  { keys: ['tab'], command: 'next-panel', description: 'next panel' },
  { keys: ['shift+tab'], command: 'prev-panel', description: 'previous panel' },
  { keys: ['j', 'down'], command: 'down', description: 'down within the panel' },
  { keys: ['k', 'up'], command: 'up', description: 'up within the panel' },
  { keys: ['pagedown'], command: 'page-down', description: 'page down' },
  { keys: ['pageup'], command: 'page-up', description: 'page up' },
  { keys: ['g', 'home'], command: 'top', description: 'top of the panel' },
  { keys: ['G', 'end'], command: 'bottom', description: 'bottom of the panel' },
  { keys: ['enter'], command: 'open', description: 'open the container / the finding (why, evidence, fix)' },
  { keys: ['l'], command: 'logs', description: 'logs of the selected container' },
  { keys: ['p'], command: 'previous-logs', description: 'previous logs of the selected container' },
  { keys: ['e'], command: 'events', description: 'events panel' },
  { keys: ['y'], command: 'yaml', description: 'YAML of the pod' },
  { keys: ['esc'], command: 'back', description: 'back' },
];
