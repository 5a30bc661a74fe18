// Re-render a view every few seconds while it is on screen, so ages and probe states
// ("failed 20s ago", a failure window running out) stay true on a quiet cluster.
import { useEffect, useState } from 'react';

export function useTicker(active: boolean, everyMs = 5000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
