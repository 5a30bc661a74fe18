// Reading a trace file written by trace.ts: key → frame latencies and frame rates.
import type { TraceEvent } from './trace.js';

export function parseTrace(text: string): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const event = JSON.parse(line) as TraceEvent;
      if (event && typeof event === 'object' && typeof event.t === 'number' && typeof event.ev === 'string') events.push(event);
    } catch {
      // A line cut short by a killed process is dropped; the rest of the trace still counts.
    }
  }
  return events.sort((a, b) => a.t - b.t);
}

/** Writes that carry a frame (or part of one), not the bare synchronized-output brackets. */
function isContentWrite(event: TraceEvent): boolean {
  return event.ev === 'write' && event.sync === undefined && event.len > 0;
}

/**
 * For each key accepted by `which`, ms from its arrival to the first frame written after it.
 * A key with no frame after it (the program ended first) is left out.
 */
export function keyToFrameLatencies(events: readonly TraceEvent[], which: (bytes: string) => boolean = () => true): number[] {
  const latencies: number[] = [];
  let nextWrite = 0;
  for (const event of events) {
    if (event.ev !== 'key' || !which(event.bytes)) continue;
    while (nextWrite < events.length && !(isContentWrite(events[nextWrite]) && events[nextWrite].t >= event.t)) nextWrite++;
    if (nextWrite >= events.length) break;
    latencies.push(events[nextWrite].t - event.t);
  }
  return latencies;
}

/**
 * Key → frame as a person sees it: from when the bench sent each key to the first frame
 * podscope wrote after reading it. Measuring from podscope's own read would hide the time a
 * key waits in the terminal while podscope's event loop is busy; several keys read in one
 * chunk share that chunk's frame, each from its own send time. `shiftMs` turns the bench's
 * performance.now() into trace time (bench timeOrigin − podscope timeOrigin).
 */
export function sentKeyLatencies(
  events: readonly TraceEvent[],
  sent: readonly { bytes: string; at: number }[],
  shiftMs: number,
): { bytes: string; ms: number }[] {
  const reads = events.filter((e): e is Extract<TraceEvent, { ev: 'key' }> => e.ev === 'key');
  const writes = events.filter(isContentWrite);
  const out: { bytes: string; ms: number }[] = [];
  let readIndex = 0;
  let readEnd = reads.length ? reads[0].len ?? reads[0].bytes.length : 0;
  let sentEnd = 0;
  let writeIndex = 0;
  for (const key of sent) {
    sentEnd += key.bytes.length;
    // The read that holds this key's last character.
    while (readIndex < reads.length && readEnd < sentEnd) {
      readIndex++;
      if (readIndex < reads.length) readEnd += reads[readIndex].len ?? reads[readIndex].bytes.length;
    }
    if (readIndex >= reads.length) break; // never read: the program ended first
    const readAt = reads[readIndex].t;
    while (writeIndex < writes.length && writes[writeIndex].t < readAt) writeIndex++;
    if (writeIndex >= writes.length) break;
    out.push({ bytes: key.bytes, ms: writes[writeIndex].t - (key.at + shiftMs) });
  }
  return out;
}

/**
 * Frames written in [fromT, toT) per second. With synchronized output a frame is one
 * begin…end bracket (a frame may take several writes); without it, each content write.
 */
export function framesPerSecond(events: readonly TraceEvent[], fromT: number, toT: number): number {
  const inWindow = events.filter((e) => e.ev === 'write' && e.t >= fromT && e.t < toT);
  const bracketed = inWindow.filter((e) => e.ev === 'write' && e.sync === 'end').length;
  const frames = bracketed > 0 ? bracketed : inWindow.filter(isContentWrite).length;
  const seconds = (toT - fromT) / 1000;
  return seconds > 0 ? frames / seconds : 0;
}

export function traceStart(events: readonly TraceEvent[]): Extract<TraceEvent, { ev: 'start' }> | undefined {
  return events.find((e): e is Extract<TraceEvent, { ev: 'start' }> => e.ev === 'start');
}

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The middle value; the mean of the two middle ones for an even count. NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
