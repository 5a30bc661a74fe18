// What Linux's /proc says about a process: its children, its memory high-water mark and its
// CPU time. The bench reads these itself so that it depends on nothing installed by hand.
import { readFileSync, readdirSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/PID/stat. 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined; // the process has gone (or was never there)
  }
}

/** A kB field of /proc/PID/status (VmHWM, VmRSS…) in MB; undefined once the process is gone. */
export function statusMegabytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const status = readProc(pid, 'status');
  const match = status && new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  const stat = readProc(pid, 'stat');
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime in seconds. */
export function cpuSeconds(pid: number): number | undefined {
  const fields = statFields(pid);
  // After the name: state(0) ppid(1) … utime(11) stime(12), per proc(5).
  if (!fields) return undefined;
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export function commandName(pid: number): string | undefined {
  return readProc(pid, 'comm')?.trim();
}

/** The process and all its descendants, parents first. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [root];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields) continue;
    const ppid = Number(fields[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The first process named `name` in the tree under `root` (the node process under a pty or a shell). */
export function findInTree(root: number, name: string): number | undefined {
  return processTree(root).find((pid) => commandName(pid) === name);
}

/**
 * Polls the memory high-water mark of a process tree while it runs. VmHWM only grows, so a
 * poll between peaks still sees them; what a poll can miss is growth in the last interval
 * before a process exits (its /proc entry goes with it). The figure is the largest VmHWM of
 * any one process of the tree: for a dispatcher that starts the real program, the program's.
 */
export class PeakMemoryWatcher {
  private peak = 0;
  private pids: number[] = [];
  private samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    intervalMs = 20,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    // Walking all of /proc is the expensive part: do it every tenth sample, read the known pids every time.
    if (this.samples++ % 10 === 0) this.pids = processTree(this.root);
    for (const pid of this.pids) {
      const hwm = statusMegabytes(pid, 'VmHWM');
      if (hwm !== undefined && hwm > this.peak) this.peak = hwm;
    }
  }

  /** The peak in MB; stops polling. */
  stop(): number {
    clearInterval(this.timer);
    return this.peak;
  }
}
