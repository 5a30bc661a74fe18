// Watch: a chunked stream of `{"type","object"}` lines. Resumes from a resourceVersion by
// replaying the kept history (410 Expired as an ERROR event when it is too old), starts with
// synthetic ADDED events when no version is given, sends BOOKMARKs only when asked, and
// blank-line heartbeats so idle clients' timers stay alive.
import type { ResourceKind } from '../../model/kube.js';
import { KIND_INFO } from '../../model/kinds.js';
import { ExpiredError, type StoredObject, type WorldEvent, type WatchEventType } from '../world.js';
import type { RequestContext } from './context.js';
import { fullJson, parseResourceVersion, rowObjectJson, wantsTable, type Wanted } from './encoding.js';
import { parseFilter, type Filter } from './list.js';
import { BadRequest, statusBody } from './status.js';
import { tableJson, tableRowJson } from './table.js';

/** Missed changes written per turn of the event loop when a watch resumes. */
const REPLAY_SLICE = 500;

export function serveWatch(ctx: RequestContext, kind: ResourceKind, namespace: string | undefined, name: string | undefined): void {
  const world = ctx.world;
  const filter = parseFilter(ctx, kind, namespace);
  const byName = name ? (key: string) => key === (namespace ? `${namespace}/${name}` : name) : () => true;
  const wanted = wantsTable(ctx.req.headers.accept, ctx.query.get('includeObject'));
  const rv = parseResourceVersion(ctx.query.get('resourceVersion'));
  const timeoutRaw = ctx.query.get('timeoutSeconds');
  if (timeoutRaw !== null && timeoutRaw !== '' && !/^\d+$/.test(timeoutRaw)) {
    throw new BadRequest(`timeoutSeconds: Invalid value: "${timeoutRaw}": must be a non-negative integer`);
  }
  const bookmarks = ctx.flag('allowWatchBookmarks');
  const res = ctx.res;
  const info = KIND_INFO[kind];
  const apiVersion = info.group ? `${info.group}/${info.version}` : info.version;

  ctx.head(200, 'application/json', { 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const send = (type: WatchEventType | 'BOOKMARK' | 'ERROR', object: string) => {
    if (!res.destroyed && !res.writableEnded) res.write(`{"type":"${type}","object":${object}}\n`);
  };
  const emit = (type: WatchEventType, stored: StoredObject) => send(type, encodeObject(kind, stored, wanted));
  const visible = (s: StoredObject | undefined) => s !== undefined && s.key.startsWith(filter.prefix) && byName(s.key) && filter.test(s.object);
  const deliver = (ev: WorldEvent) => {
    const now = visible(ev.stored);
    const before = ev.type !== 'ADDED' && visible(ev.previous);
    if (ev.type === 'DELETED') {
      if (before) emit('DELETED', ev.stored);
    } else if (now && before) emit('MODIFIED', ev.stored);
    else if (now) emit('ADDED', ev.stored);
    // The object left the selection: the watcher sees it go, as with a real apiserver.
    else if (before) emit('DELETED', ev.stored);
  };

  const bookmarkJson = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({ kind: info.kind, apiVersion, metadata: { resourceVersion: String(world.resourceVersion), ...extra } });
  const sendInitial = ctx.flag('sendInitialEvents');
  const replay: WorldEvent[] = [];
  if (rv === undefined || rv === 0 || sendInitial) {
    const it = world.snapshot(kind, world.resourceVersion, '', filter.prefix);
    for (const stored of it) if (visible(stored)) emit('ADDED', stored);
    // The watch-list protocol (KEP-3157): a bookmark marks the end of the initial state.
    if (sendInitial && bookmarks) send('BOOKMARK', bookmarkJson({ annotations: { 'k8s.io/initial-events-end': 'true' } }));
  } else {
    let missed: WorldEvent[];
    try {
      missed = world.eventsSince(rv);
    } catch (err) {
      if (!(err instanceof ExpiredError)) throw err;
      send('ERROR', JSON.stringify(statusBody(410, 'Expired', err.message)));
      res.end();
      return;
    }
    for (const ev of missed) if (ev.kind === kind) replay.push(ev);
  }
  // Subscribed in the same tick as the history was read: no change can fall between the two.
  // Changes made while the replay is still being written join its end, in order.
  let replaying = replay.length > 0;
  const unsubscribe = world.watch(kind, (ev) => (replaying ? replay.push(ev) : deliver(ev)));
  // The replay goes out in slices, yielding between them (and waiting for the socket to
  // drain), as an apiserver streams from its watch cache: 25,000 missed changes written in
  // one go held this server's event loop for seconds before the first byte, heartbeats too.
  const writeReplay = (from: number): void => {
    const end = Math.min(replay.length, from + REPLAY_SLICE);
    for (let i = from; i < end; i++) deliver(replay[i]);
    if (res.destroyed || res.writableEnded) return;
    if (end === replay.length) replaying = false;
    else if (res.writableNeedDrain) res.once('drain', () => writeReplay(end));
    else setImmediate(() => writeReplay(end));
  };
  if (replaying) writeReplay(0);

  const timers: NodeJS.Timeout[] = [];
  timers.push(setInterval(() => res.write('\n'), ctx.state.settings.heartbeatMs));
  if (bookmarks) timers.push(setInterval(() => send('BOOKMARK', bookmarkJson()), ctx.state.settings.bookmarkMs));
  if (timeoutRaw) {
    timers.push(setTimeout(() => res.end(), Number(timeoutRaw) * 1000));
  }
  const cleanup = () => {
    unsubscribe();
    for (const t of timers) clearInterval(t);
  };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}

function encodeObject(kind: ResourceKind, stored: StoredObject, wanted: Wanted): string {
  if (!wanted.table) return fullJson(stored);
  const row = tableRowJson(kind, stored.object, wanted.includeObject, (inc) => rowObjectJson(stored, inc), Date.now());
  return tableJson(kind, [row], { resourceVersion: String(stored.rv) });
}
