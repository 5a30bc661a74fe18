// Raw HTTPS requests to a demo server (for what client libraries hide: status bodies,
// content types, heartbeats), and a KubeConfig for @kubernetes/client-node.
import { request } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { demoCerts } from '../../../src/demo/certs.js';
import type { DemoServer } from '../../../src/demo/server.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = any>(): T;
}

export async function get(
  server: DemoServer,
  path: string,
  opts: { token?: string | null; accept?: string; method?: string; body?: string } = {},
): Promise<RawResponse> {
  const { caCert } = await demoCerts();
  const token = opts.token === undefined ? server.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      {
        method: opts.method ?? 'GET',
        ca: caCert,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(opts.accept ? { Accept: opts.accept } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Opens a streaming GET and collects chunks until `stop()`. */
export async function stream(server: DemoServer, path: string): Promise<{ chunks: string[]; text(): string; stop(): void }> {
  const { caCert } = await demoCerts();
  return new Promise((resolve, reject) => {
    const chunks: string[] = [];
    const req = request(`${server.url}${path}`, { ca: caCert, headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => chunks.push(d));
      res.on('error', () => {});
      resolve({ chunks, text: () => chunks.join(''), stop: () => req.destroy() });
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end();
  });
}

export function kubeConfigFor(server: DemoServer, token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  if (token !== undefined) {
    kc.users[0] = { ...kc.users[0], token } as (typeof kc.users)[0];
  }
  return kc;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` returns true, polling every 20 ms. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}
