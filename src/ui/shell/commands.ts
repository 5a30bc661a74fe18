// The `:` command line: parsing is pure so it can be tested without a terminal.

export type ShellCommand =
  | { name: 'ns'; namespace: string | 'all' }
  | { name: 'ctx'; context: string }
  | { name: 'advice'; all: boolean }
  | { name: 'theme'; theme: string }
  | { name: 'pods' }
  | { name: 'help' }
  | { name: 'quit' };

export const COMMAND_HINT = ':ns NAME, :ns all, :ctx NAME, :advice, :advice all, :theme NAME, :pods, :q';

/** Parses what was typed after `:`; returns an error line for anything else. */
export function parseCommand(text: string): ShellCommand | { error: string } {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (word) {
    case 'ns':
    case 'namespace':
      if (!arg) return { error: 'usage: :ns NAME or :ns all' };
      return { name: 'ns', namespace: arg === 'all' || arg === '-A' ? 'all' : arg };
    case 'ctx':
    case 'context':
      if (!arg) return { error: 'usage: :ctx NAME' };
      return { name: 'ctx', context: arg };
    case 'advice':
      return { name: 'advice', all: arg === 'all' };
    case 'theme':
      if (!arg) return { error: 'usage: :theme NAME (default, light, high-contrast, mono, or your own)' };
      return { name: 'theme', theme: arg };
    case 'pods':
    case 'po':
    case 'pod':
      return { name: 'pods' };
    case 'help':
      return { name: 'help' };
    case 'q':
    case 'quit':
    case 'q!':
      return { name: 'quit' };
    case '':
      return { error: `commands: ${COMMAND_HINT}` };
    default:
      return { error: `unknown command ":${word.slice(0, 30)}" (${COMMAND_HINT})` };
  }
}
