// Starts the demo cluster: an HTTPS server on 127.0.0.1 over a DemoWorld, its kubeconfig,
// optional audit log and churn. A stopped server can be started again on the same port over
// the same world and token (clients reconnect and resume their watches).
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { demoCerts } from './certs.js';
import { writeKubeconfig } from './kubeconfig.js';
import { AuditLog } from './server/audit.js';
import { TokenRegistry } from './server/auth.js';
import type { ServerSettings, ServerState } from './server/context.js';
import { warmItemJson } from './server/encoding.js';
import { handleRequest } from './server/handler.js';
import { PinnedLists } from './server/pinned-lists.js';
import type { DemoDataset } from './types.js';
import { DemoWorld } from './world.js';

export interface DemoServerOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  pods?: number;
  churn?: number;
  from?: string[];
  kubeconfigOut?: string;
  auditLog?: string;
  /** Objects and logs to serve instead of the built-in scenarios. */
  dataset?: DemoDataset;
  /** Serve an existing world (e.g. to restart a stopped server over the same state). */
  world?: DemoWorld;
  /** Reuse a bearer token (e.g. the one of a server being restarted). */
  token?: string;
  /** How many changes the world keeps for watch resume, at most (only for a new world). */
  historySize?: number;
  /** How long the world keeps changes for watch resume (only for a new world). */
  historyWindowMs?: number;
  /** How long a paginated list's continue token stays valid whatever the churn (default 5 minutes). */
  continueLifetimeMs?: number;
  /** Milliseconds between ticker lines of followed logs (only for a new world). */
  logTickMs?: number;
  heartbeatMs?: number;
  bookmarkMs?: number;
  maxPageSize?: number;
}

export interface DemoServer {
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  world: DemoWorld;
  /** A token that may only get/list/watch inside these namespaces. */
  issueToken(o: { namespaces: string[] }): string;
  /** Closes every connection (watches and followed logs included) and the listener. */
  stop(): Promise<void>;
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const world = opts.world ?? DemoWorld.fromDataset(opts.dataset ?? (await builtInDataset(opts)), {
    historySize: opts.historySize,
    historyWindowMs: opts.historyWindowMs,
    logTickMs: opts.logTickMs,
  });
  const certs = await demoCerts();
  warmItemJson(world);
  const tokens = new TokenRegistry(opts.token);
  const audit = opts.auditLog ? openAudit(opts.auditLog) : undefined;
  const settings: ServerSettings = {
    heartbeatMs: opts.heartbeatMs ?? 5_000,
    bookmarkMs: opts.bookmarkMs ?? 10_000,
    maxPageSize: opts.maxPageSize ?? 10_000,
  };
  const state: ServerState = { world, tokens, audit, settings, hostPort: '', pins: new PinnedLists({ lifetimeMs: opts.continueLifetimeMs }) };
  const sockets = new Set<Socket>();
  const server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    void handleRequest(state, req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that hangs up mid-handshake must not take the server down.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket) => socket.destroy());

  let port: number;
  try {
    port = await listen(server, opts.port ?? 0);
  } catch (err) {
    audit?.close();
    throw err;
  }
  // After listening, a server error (e.g. out of file descriptors) is reported, not fatal.
  server.on('error', (err) => process.stderr.write(`podscope demo server: ${err.message}\n`));
  state.hostPort = `127.0.0.1:${port}`;
  const url = `https://127.0.0.1:${port}`;
  let kubeconfigPath: string;
  try {
    kubeconfigPath = writeKubeconfig(url, certs.caCert, tokens.adminToken, opts.kubeconfigOut);
  } catch (err) {
    server.close();
    audit?.close();
    throw new Error(`cannot write kubeconfig ${opts.kubeconfigOut}: ${(err as Error).message}`);
  }

  let churn: { stop(): void } | undefined;
  if (opts.churn && opts.churn > 0) {
    // Loaded on demand: a server without churn never needs the data side's churn code.
    const { startChurn } = await import('./churn.js');
    churn = startChurn(world, opts.churn);
  }

  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    kubeconfigPath,
    token: tokens.adminToken,
    world,
    issueToken: (o) => tokens.issue(o.namespaces),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        churn?.stop();
        server.close(() => {
          audit?.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

async function builtInDataset(opts: DemoServerOptions): Promise<DemoDataset> {
  // The data side (scenarios, generator, --from loader), loaded only when no dataset is given.
  const { buildDataset } = await import('./dataset.js');
  return buildDataset({ now: new Date(), pods: opts.pods ?? 0, from: opts.from });
}

function openAudit(file: string): AuditLog {
  try {
    return new AuditLog(file);
  } catch (err) {
    throw new Error(`cannot open audit log ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(new Error(err.code === 'EADDRINUSE' ? `port ${port} is already in use` : `cannot listen on 127.0.0.1:${port}: ${err.message}`));
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
