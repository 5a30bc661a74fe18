// A container's log as lines: chunks from the API are split at newlines (a chunk can end
// mid-line), each line sanitised, and only the last `capacity` lines kept so a chatty
// container followed for hours cannot grow the process without bound.
import { sanitizeLogLine } from '../../model/sanitize.js';

export class LogBuffer {
  private lines: string[] = [];
  private partial = '';
  /** Lines dropped from the front so far (line numbers stay meaningful). */
  dropped = 0;

  constructor(readonly capacity = 10_000) {}

  append(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const p of parts) this.lines.push(sanitizeLogLine(p.endsWith('\r') ? p.slice(0, -1) : p));
    // A line that never ends must not grow without bound either.
    if (this.partial.length > 64 * 1024) {
      this.lines.push(sanitizeLogLine(this.partial));
      this.partial = '';
    }
    const over = this.lines.length - this.capacity;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  /** The complete lines, plus the unfinished last one when there is one. */
  all(): readonly string[] {
    return this.partial ? [...this.lines, sanitizeLogLine(this.partial)] : this.lines;
  }

  get length(): number {
    return this.lines.length + (this.partial ? 1 : 0);
  }

  clear(): void {
    this.lines = [];
    this.partial = '';
    this.dropped = 0;
  }
}

/** Indexes of lines containing `needle` (case-insensitive). */
export function searchLines(lines: readonly string[], needle: string): number[] {
  if (!needle) return [];
  const n = needle.toLowerCase();
  const hits: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].toLowerCase().includes(n)) hits.push(i);
  return hits;
}
