// The words for where the store stands, as the header shows them.
import type { SyncState } from '../../model/store-view.js';
import type { Palette } from '../theme/theme.js';
import { sanitize } from '../../model/sanitize.js';

const count = (n: number) => n.toLocaleString('en-US');

export function syncText(state: SyncState): string {
  switch (state.phase) {
    case 'idle':
      return 'connecting…';
    case 'syncing':
      return state.total !== undefined ? `syncing ${count(state.loaded)}/${count(state.total)}` : `syncing ${count(state.loaded)}`;
    case 'live':
      return 'live';
    case 'reconnecting':
      return `reconnecting… (${sanitize(state.cause, 60)})`;
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
      return 'info';
    case 'reconnecting':
    case 'forbidden':
      return 'warning';
    case 'failed':
      return 'error';
  }
}
