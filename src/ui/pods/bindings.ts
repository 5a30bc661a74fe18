// The Pods view's keys (k9s habits). The help screen lists them from here.
import type { Binding } from '../keys/keymap.js';

export const podsBindings: Binding[] = [
  { keys: ['j', 'down'], command: 'down', description: 'next pod' },
  { keys: ['k', 'up'], command: 'up', description: 'previous pod' },
  { keys: ['g', 'home'], command: 'top', description: 'first pod' },
  { keys: ['G', 'end'], command: 'bottom', description: 'last pod' },
  { keys: ['pagedown', 'ctrl+f'], command: 'page-down', description: 'next page' },
  { keys: ['pageup', 'ctrl+b'], command: 'page-up', description: 'previous page' },
  { keys: ['enter'], command: 'open', description: 'open the pod' },
  { keys: ['/'], command: 'filter', description: 'filter: text, or -l key=value for labels' },
  { keys: ['esc'], command: 'clear-filter', description: 'clear the filter', hint: 'clear' },
  { keys: ['!'], command: 'only-findings', description: 'only pods with findings (toggle)', hint: 'with-findings' },
  { keys: ['N'], command: 'sort-name', description: 'sort by name (again: reverse)', hint: 'name' },
  { keys: ['A'], command: 'sort-age', description: 'sort by age', hint: 'age' },
  { keys: ['S'], command: 'sort-status', description: 'sort by status', hint: 'status' },
  { keys: ['R'], command: 'sort-restarts', description: 'sort by restarts', hint: 'restarts' },
  { keys: ['V'], command: 'sort-advice', description: 'sort by advice', hint: 'advice' },
  { keys: ['l'], command: 'logs', description: "logs of the pod's container in trouble, else its first", hint: 'logs' },
  { keys: ['p'], command: 'previous-logs', description: 'previous logs of that container', hint: 'prev-logs' },
  { keys: ['e'], command: 'events', description: "the pod's events", hint: 'events' },
  { keys: ['y'], command: 'yaml', description: 'the pod as YAML', hint: 'yaml' },
];
