// The one sanitiser for text that comes from a cluster: names, labels, annotations, event
// and termination messages, log lines. Anything that could steer the terminal (escape
// sequences, C1 controls such as the 8-bit CSI 0x9B) or reorder what the reader sees (bidi
// overrides and isolates) is turned into visible, inert text: `\x1b`, `\n`, `\u202e`.
// SPEC R6: such text is shown, never interpreted.

// C0 controls, DEL, C1 controls, bidi embeddings/overrides (U+202A–U+202E) and isolates
// (U+2066–U+2069). The test regex has no `g` flag so `.test` keeps no state.
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_NO_TAB_TEST = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch {
    // Object.create(null) and objects with a throwing toString: nothing readable to show.
    return '';
  }
}

/** Truncates to `maxLength` code points, the last being `…` when anything was cut. */
export function truncate(text: string, maxLength: number): string {
  if (maxLength <= 0) return '';
  if (text.length <= maxLength) return text;
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  return points.slice(0, maxLength - 1).join('') + '…';
}

/** Makes cluster text safe to print: controls and bidi overrides become inert `\x..` text. */
export function sanitize(text: unknown, maxLength?: number): string {
  let out = toText(text);
  if (UNSAFE_TEST.test(out)) out = out.replace(UNSAFE_ALL, escapeChar);
  return maxLength === undefined ? out : truncate(out, maxLength);
}

/** Expands tabs to the next multiple of 8 columns (what a terminal would do). */
function expandTabs(line: string): string {
  let out = '';
  let column = 0;
  for (const ch of line) {
    if (ch === '\t') {
      const spaces = 8 - (column % 8);
      out += ' '.repeat(spaces);
      column += spaces;
    } else {
      out += ch;
      column += 1;
    }
  }
  return out;
}

/** A log line made safe: like sanitize(), but tabs become spaces so columns line up. */
export function sanitizeLogLine(text: unknown): string {
  let out = toText(text);
  if (out.includes('\t')) out = expandTabs(out);
  if (UNSAFE_NO_TAB_TEST.test(out)) out = out.replace(UNSAFE_ALL, escapeChar);
  return out;
}
