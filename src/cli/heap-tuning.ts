// V8 heap sizing for the TUI, a long-running process whose peak RSS is a goal of its own
// (SPEC §6, P4: <= 300 MB at 50,000 pods).
//
// By default V8 lets garbage pile up far past the live heap before a full collection: at
// 50,027 pods the TUI's live heap was 262 MB after a forced gc, yet its peak RSS 619 MB. Two
// settings close most of that gap, both read by V8 at each collection (not only at start-up,
// which is why setting them from here works; flags fixed at heap set-up, such as
// --max-semi-space-size, would do nothing this late):
// - heap growing factor 1.3: after a full collection the next one comes once the heap has
//   grown by 30%, instead of by up to 4x under a fast mutator. Peak RSS at 50k pods,
//   together with the next setting: 619 → 408 MB at 1.5; 1.3 then took another ~13 MB off
//   (VmHWM 332 → 319 MB, two runs each under load; 1.2 was no better than 1.3). The
//   collections it adds fall mostly in the sync, whose time is far inside its goal (P2).
// - semi-spaces do not grow: the young generation stays at its initial 2 MB instead of
//   growing to 32 MB committed, ~30 MB of RSS that would hold only garbage between frames.
//   Scavenges get more frequent, and each one shorter.
// Headless commands (`analyze`) keep V8's defaults: they are short and throughput-bound.
import { setFlagsFromString } from 'node:v8';

export const TUI_HEAP_FLAGS = ['--heap-growing-percent=30', '--semi-space-growth-factor=1'] as const;

export function tuneHeapForTui(): void {
  for (const flag of TUI_HEAP_FLAGS) setFlagsFromString(flag);
}
