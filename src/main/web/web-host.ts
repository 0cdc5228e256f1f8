// The web host: one HTTP server that serves the renderer build (it refuses
// to start without it), the LabApi over WebSocket at /api/ws, and the seeds'
// REST endpoints on the active live run. It listens on 127.0.0.1 unless asked
// otherwise, and says so loudly when asked.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LabApi } from '../../shared/lab-api/lab-api.ts';
import { MAX_FRAME_BYTES } from '../../shared/lab-api/wire-protocol.ts';
import { openDatabase } from '../engine/store/open-database.ts';
import { sqliteLabStore, type LabStore } from './lab-store.ts';
import type { ActiveRun } from './active-run.ts';
import { exposedWarning, hostNamesOf, isLoopbackHost, refusal, type GuardOptions } from './http-guard.ts';
import { securityHeaders } from './security-headers.ts';
import { createLabApiServer } from './lab-api-server.ts';
import { LiveRuns } from './live-runs.ts';
import { seedEndpoints } from './seed-endpoints.ts';
import { staticFiles } from './static-files.ts';
import { serveLabSockets } from './ws-transport.ts';
import { NodeWorkerHost } from '../workers/node-worker-host.ts';
import type { WorkerHost } from '../workers/worker-host.ts';

export const LAB_SOCKET_PATH = '/api/ws';

export interface WebHostOptions {
  /** The lab file; the host opens its own connection to it. Or give `store`. */
  dbFile?: string;
  /** The lab's database opened by the caller (PostgreSQL: postgresLabStore); the host closes it. */
  store?: LabStore;
  /** Default 127.0.0.1. Any other address is reachable from other machines: a warning is logged. */
  host?: string;
  /** Default 0: an ephemeral port (read it back from `url` or `port`). */
  port?: number;
  /** The renderer build (out/renderer); the host refuses to start when it has no index.html. Omitted: an API-only host. */
  staticDir?: string;
  /** Origins allowed besides the host's own (a dev server on another port). */
  allowedOrigins?: string[];
  /** Names the Host header may give besides the host's addresses and the machine's name (serve --allowed-host). */
  allowedHosts?: string[];
  /** How often the event stream looks for new events, ms (default 100). */
  pollMs?: number;
  /** Where the host's own lines go (the warning, 500s); default stderr. */
  log?: (line: string) => void;
  /** Worker processes of live runs started through the LabApi; default child processes (NodeWorkerHost). */
  workerHost?: () => WorkerHost;
}

export interface WebHost {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The LabApi the WebSocket serves, in process. */
  readonly labApi: LabApi;
  /** Hands over a live run run from outside (serve --run); runs started through startLive need no handing over. */
  setActiveRun(run: ActiveRun | null): void;
  /** The live run the REST endpoints act on; null when none is running. */
  activeRun(): ActiveRun | null;
  /** Closes every connection, the server and the database. */
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const files = staticFiles(options.staticDir); // first: a missing UI build refuses before anything is opened
  const db = options.store ? null : openDatabase(options.dbFile!);
  const store = options.store ?? sqliteLabStore(db!);
  let handedOver: ActiveRun | null = null;
  const liveRuns = new LiveRuns({ openStore: () => store.openLiveRun(), workerHost: options.workerHost ?? (() => new NodeWorkerHost()), log });
  const lab = createLabApiServer({ store, activeRun: () => handedOver, liveRuns, pollMs: options.pollMs, log });
  const hostNames = hostNamesOf(host, options.allowedHosts ?? []);
  const guard: GuardOptions = { hostNames, allowedOrigins: options.allowedOrigins ?? [] };
  const endpoints = seedEndpoints({ activeRun: lab.activeRun, reads: lab.reads, log });

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log(`web host: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: (error as Error).message }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders(req.headers.host))) res.setHeader(name, value);
    const refused = refusal(req, guard);
    if (refused) return sendError(res, 403, refused);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://lab.invalid');
    } catch {
      return sendError(res, 400, 'bad request URL');
    }
    if (await endpoints(req, res, url)) return;
    if (url.pathname === LAB_SOCKET_PATH) return sendError(res, 426, `${LAB_SOCKET_PATH} speaks WebSocket only`);
    await files(req, res, url.pathname);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const stopPinging = serveLabSockets(wss, lab, log);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://lab.invalid').pathname;
    const refused = refusal(req, guard);
    if (path !== LAB_SOCKET_PATH || refused) {
      const status = refused ? '403 Forbidden' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: options.port ?? 0 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopPinging();
    await lab.close();
    db?.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${options.port} on ${host} is in use; pick another with --port (0 picks a free one)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`cannot listen on ${host}: no such address on this machine`);
    throw error;
  }
  server.on('error', (error) => log(`web host: ${error.message}`));

  const address = server.address() as AddressInfo;
  // --host may be a name: the address it resolved to is a name of this host too.
  hostNames.add(address.address.toLowerCase());
  if (!isLoopbackHost(host)) log(exposedWarning(host, address.port));
  const url = `http://${urlHost(address.address)}:${address.port}/`;

  let closing: Promise<void> | null = null;
  return {
    url,
    host: address.address,
    port: address.port,
    labApi: lab.api,
    setActiveRun(run) {
      handedOver = run;
    },
    activeRun: lab.activeRun,
    close() {
      closing ??= (async () => {
        stopPinging();
        await lab.close();
        for (const client of wss.clients) client.terminate();
        wss.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (db?.open) db.close();
      })();
      return closing;
    },
  };
}

/** How the bound address is written in a URL; an unspecified one is reached locally through loopback. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
