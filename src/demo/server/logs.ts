// pods/log: container choice and errors worded like the kubelet's, previous, tailLines,
// timestamps, limitBytes, and follow (the stream stays open and receives appended lines
// until the client goes away).
import type { Pod } from '../../model/kube.js';
import type { LogLine } from '../types.js';
import type { RequestContext } from './context.js';
import { BadRequest, notFound } from './status.js';

function nonNegativeInt(ctx: RequestContext, name: string): number | undefined {
  const v = ctx.query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new BadRequest(`${name}: Invalid value: "${v}": must be a non-negative integer`);
  return Number(v);
}

/** The earliest line time asked for by sinceSeconds or sinceTime (never both, like the apiserver). */
function sinceCutoff(ctx: RequestContext): number | undefined {
  const seconds = ctx.query.get('sinceSeconds');
  const time = ctx.query.get('sinceTime');
  if (seconds && time) throw new BadRequest('at most one of sinceTime or sinceSeconds may be specified');
  if (seconds) {
    if (!/^\d+$/.test(seconds) || Number(seconds) < 1) throw new BadRequest(`sinceSeconds: Invalid value: "${seconds}": must be greater than 0`);
    return Date.now() - Number(seconds) * 1000;
  }
  if (time) {
    const t = Date.parse(time);
    if (Number.isNaN(t)) throw new BadRequest(`sinceTime: Invalid value: "${time}": must be an RFC 3339 time`);
    return t;
  }
  return undefined;
}

function isRunning(pod: Pod, container: string): boolean {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const st = statuses.find((c) => c.name === container);
  // No status at all (a hand-made object): keep following rather than cut the user off.
  return !st || Boolean(st.state?.running);
}

export function serveLog(ctx: RequestContext, namespace: string, podName: string): void {
  const pod = ctx.world.get('pods', `${namespace}/${podName}`) as Pod | undefined;
  if (!pod) throw notFound('pods', podName);
  const names = (Array.isArray(pod.spec?.containers) ? pod.spec.containers : []).map((c) => c.name);
  const initNames = (Array.isArray(pod.spec?.initContainers) ? pod.spec.initContainers : []).map((c) => c.name);
  let container = ctx.query.get('container') ?? '';
  if (!container) {
    if (names.length !== 1) {
      const init = initNames.length ? ` or one of the init containers: [${initNames.join(' ')}]` : '';
      throw new BadRequest(`a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]${init}`);
    }
    container = names[0];
  }
  if (!names.includes(container) && !initNames.includes(container)) {
    throw new BadRequest(`container ${container} is not valid for pod ${podName}`);
  }
  const previous = ctx.flag('previous');
  const follow = ctx.flag('follow');
  const timestamps = ctx.flag('timestamps');
  const tail = nonNegativeInt(ctx, 'tailLines');
  const limitBytes = nonNegativeInt(ctx, 'limitBytes');
  const logs = ctx.world.getLogs(namespace, podName, container);
  let lines: LogLine[];
  if (previous) {
    if (!logs?.previous) throw new BadRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    lines = logs.previous;
  } else {
    lines = logs?.current ?? [];
  }
  const since = sinceCutoff(ctx);
  if (since !== undefined) lines = lines.filter((l) => Date.parse(l.time) >= since);
  if (tail !== undefined) lines = tail === 0 ? [] : lines.slice(-tail);

  const format = (l: LogLine) => `${timestamps ? l.time + ' ' : ''}${l.text}\n`;
  let budget = limitBytes ?? Infinity;
  const res = ctx.res;
  /** Writes within limitBytes; returns false once the budget is spent. */
  const put = (text: string): boolean => {
    if (budget <= 0) return false;
    const bytes = Buffer.from(text);
    const part = bytes.length > budget ? bytes.subarray(0, budget) : bytes;
    budget -= part.length;
    res.write(part);
    return budget > 0;
  };

  ctx.head(200, 'text/plain', follow ? { 'Transfer-Encoding': 'chunked' } : {});
  let open = true;
  for (const l of lines) if (!(open = put(format(l)))) break;
  // Like the kubelet, a followed log ends when its container is not running: a previous
  // instance or a terminated container will not write again.
  if (!follow || previous || !open || !isRunning(pod, container)) {
    res.end();
    return;
  }
  res.flushHeaders();
  const stop = ctx.world.followLog(namespace, podName, container, (line) => {
    if (res.destroyed || res.writableEnded) return;
    if (!put(format(line))) res.end();
  });
  res.on('close', stop);
  res.on('finish', stop);
}
