// Re-render a view when the store delivers a batch, and every few seconds while it is on
// screen so ages and probe states ("failed 20s ago") stay true on a quiet cluster.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { StoreView } from '../../model/store-view.js';

export function useStoreVersion(store: StoreView): number {
  return useSyncExternalStore(
    (onChange) => store.subscribe(() => onChange()),
    () => store.version,
  );
}

export function useTicker(active: boolean, everyMs = 5000): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}
