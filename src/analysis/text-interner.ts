// One copy of each finding text the live analysis keeps. Rules build messages and evidence
// with template literals, which V8 keeps as rope (cons) strings: a 100-character message is
// a chain of cons cells until something flattens it. And workloads of one cluster repeat
// themselves: measured at 50,027 generated pods, the 62,965 findings the analysis keeps had
// 13,037 distinct messages (6.7 M characters in all) and 12,924 distinct evidence lists
// (98,338 strings); 824,000 cons strings (26 MB) of the analysis's heap were these texts.
// Looking a text up flattens it once; the finding then points at the one flat copy.
// The price, measured: about 70 ms of a cold pass for the messages and 30-50 ms for the
// evidence (hashing rope strings is slow), for about 10 MB less retained heap.
import type { Finding } from './types.js';

/** Past this many texts the table starts over: churn must not grow it without end. */
const MAX_TEXTS = 200_000;

export class TextInterner {
  private readonly messages = new Map<string, string>();
  private readonly evidence = new Map<string, string[]>();

  /** Empties the tables; the findings keep their flat texts. A walk over every pod ends with it (the tables were 7 MB). */
  forget(): void {
    this.messages.clear();
    this.evidence.clear();
  }

  /** Points the findings (fresh from the engine, not yet handed out) at shared texts. */
  intern(findings: readonly Finding[]): void {
    if (this.messages.size + this.evidence.size > MAX_TEXTS) {
      this.messages.clear();
      this.evidence.clear();
    }
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const message = this.messages.get(f.message);
      if (message === undefined) this.messages.set(f.message, f.message);
      else f.message = message;
      if (f.evidence.length === 0) continue;
      // A newline is in no evidence line (messages are one line): the joined key is unambiguous.
      const key = f.evidence.length === 1 ? f.evidence[0] : f.evidence.join('\n');
      const lines = this.evidence.get(key);
      if (lines === undefined) {
        this.evidence.set(key, f.evidence);
        // The table now holds these lines: each flat, so no rope of them stays alive.
        for (let j = 0; j < f.evidence.length; j++) f.evidence[j] = this.messages.get(f.evidence[j]) ?? flatten(this.messages, f.evidence[j]);
      } else f.evidence = lines;
    }
  }
}

function flatten(table: Map<string, string>, text: string): string {
  table.set(text, text);
  return text;
}
