// The words for where the store stands, as the header shows them.
import type { SyncState } from '../../model/store-view.js';
import type { Palette } from '../theme/theme.js';
import { sanitize } from '../../model/sanitize.js';
import { formatCount } from '../../model/format.js';

/** HH:MM:SS, local time: when the data on screen was last known to be current. */
function clock(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '?';
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function syncText(state: SyncState): string {
  switch (state.phase) {
    case 'idle':
      return 'connecting…';
    case 'syncing':
      return state.total !== undefined ? `syncing ${formatCount(state.loaded)}/${formatCount(state.total)}` : `syncing ${formatCount(state.loaded)}`;
    case 'catching-up':
      // Every object is listed; rows may still trail the cluster by the changes made meanwhile.
      return 'catching up…';
    case 'live':
      return 'live';
    case 'reconnecting':
      // What is on screen is what the store held when the connection went: say so.
      return `reconnecting… (${sanitize(state.cause, 60)}) · stale since ${clock(state.since)}`;
    case 'forbidden':
      return state.fallbackNamespace
        ? `forbidden: ${sanitize(state.message, 60)} (showing namespace ${sanitize(state.fallbackNamespace)})`
        : `forbidden: ${sanitize(state.message, 80)}`;
    case 'failed':
      return `failed: ${sanitize(state.cause, 80)}`;
  }
}

export function syncTone(state: SyncState): keyof Palette {
  switch (state.phase) {
    case 'live':
      return 'ok';
    case 'idle':
    case 'syncing':
    case 'catching-up':
      return 'info';
    case 'reconnecting':
    case 'forbidden':
      return 'warning';
    case 'failed':
      return 'error';
  }
}
