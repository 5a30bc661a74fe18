// Re-render on store changes at most once per `intervalMs`: watch events arrive in bursts
// (2,000/s under churn) and every frame costs; a few frames per second is plenty to read.
import { useEffect, useState } from 'react';
import type { StoreView } from '../../model/store-view.js';

export function useStoreVersion(store: StoreView, intervalMs = 250): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    let last = 0;
    const fire = () => {
      timer = undefined;
      last = Date.now();
      setVersion(store.version);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return;
      const wait = Math.max(0, intervalMs - (Date.now() - last));
      timer = setTimeout(fire, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, intervalMs]);
  return version;
}
