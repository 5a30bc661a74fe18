// Editing one line of text (filter box, command line) key name by key name.

export interface LineEdit {
  value: string;
  /** Set when the key ended the edit: enter submits, esc cancels. */
  done?: 'submit' | 'cancel';
}

/** Applies one key name to `value`; keys with no meaning for a line leave it unchanged. */
export function editLine(value: string, name: string): LineEdit {
  switch (name) {
    case 'enter':
      return { value, done: 'submit' };
    case 'esc':
      return { value, done: 'cancel' };
    case 'backspace':
    case 'delete': {
      const points = Array.from(value);
      points.pop();
      return { value: points.join('') };
    }
    case 'ctrl+u':
      return { value: '' };
    case 'ctrl+w':
      return { value: value.replace(/\S+\s*$/, '') };
  }
  // A single printable character (key names of one code point are the typed character).
  if (Array.from(name).length === 1) return { value: value + name };
  return { value };
}
