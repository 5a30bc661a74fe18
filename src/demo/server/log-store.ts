// Container logs of the demo cluster: current and previous instance per container, lines
// appended while running, and followers (kubectl logs -f) that see every new line.
import type { ContainerLogs, LogLine } from '../types.js';

type LogFollower = (line: LogLine) => void;

interface LogTicker {
  timer: NodeJS.Timeout;
  next: number;
}

export class LogStore {
  private readonly logs = new Map<string, ContainerLogs>();
  private readonly followers = new Map<string, Set<LogFollower>>();
  private readonly tickers = new Map<string, LogTicker>();

  constructor(private readonly tickMs: number) {}

  get(namespace: string, pod: string, container: string): ContainerLogs | undefined {
    return this.logs.get(logKey(namespace, pod, container));
  }

  /** Replaces a container's logs (copies the arrays: appends must not reach the caller's). */
  set(logs: ContainerLogs): void {
    this.logs.set(logKey(logs.namespace, logs.pod, logs.container), {
      ...logs,
      current: [...logs.current],
      previous: logs.previous ? [...logs.previous] : undefined,
    });
  }

  /** Forgets the logs of a deleted pod's containers (a kubelet removes them with the pod). */
  removePod(namespace: string, pod: string, containers: readonly string[]): void {
    for (const container of containers) this.logs.delete(logKey(namespace, pod, container));
  }

  append(namespace: string, pod: string, container: string, line: LogLine): void {
    const key = logKey(namespace, pod, container);
    let logs = this.logs.get(key);
    if (!logs) {
      logs = { namespace, pod, container, current: [] };
      this.logs.set(key, logs);
    }
    logs.current.push(line);
    for (const follower of this.followers.get(key) ?? []) follower(line);
  }

  /**
   * Calls `follower` with every line appended from now on. While a container with a ticker
   * has followers, its ticker lines are appended in a cycle (a running container keeps
   * talking); all followers see the same lines. Returns the function that stops following.
   */
  follow(namespace: string, pod: string, container: string, follower: LogFollower): () => void {
    const key = logKey(namespace, pod, container);
    let set = this.followers.get(key);
    if (!set) {
      set = new Set();
      this.followers.set(key, set);
    }
    set.add(follower);
    const ticker = this.logs.get(key)?.ticker;
    if (ticker && ticker.length > 0 && !this.tickers.has(key)) {
      const state: LogTicker = {
        next: 0,
        timer: setInterval(() => {
          const text = ticker[state.next % ticker.length];
          state.next++;
          // Nanosecond precision, as the kubelet stamps lines for --timestamps.
          this.append(namespace, pod, container, { time: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'), text });
        }, this.tickMs),
      };
      state.timer.unref();
      this.tickers.set(key, state);
    }
    return () => {
      set.delete(follower);
      if (set.size === 0) {
        this.followers.delete(key);
        const t = this.tickers.get(key);
        if (t) clearInterval(t.timer);
        this.tickers.delete(key);
      }
    };
  }
}

function logKey(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}
