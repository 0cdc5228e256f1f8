// The real web host as a user starts it: `queue-lab serve` as a child
// process on a free port of 127.0.0.1, with a fresh lab database in a temp
// folder, and HOME pointed there so nothing touches the real user's data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import { connectWsLabClient, labSocketUrl, type WebSocketConstructorLike, type WsLabClient } from '../../../src/shared/lab-api/ws-client.ts';
import { BIN, REPO } from './paths.ts';

export interface LabHost {
  url: string;
  dbFile: string;
  /** A LabApi over the host's WebSocket, for setting up and checking from the test side. */
  api(): Promise<LabApi>;
  output(): string;
  stop(): Promise<void>;
}

export interface LabHostOptions {
  /** Passed as --run: a live run started with the host. */
  run?: string;
  timeScale?: number;
  /** An existing database (a prepared run), instead of a fresh one. */
  dbFile?: string;
}

export async function startLabHost(options: LabHostOptions = {}): Promise<LabHost> {
  const dir = mkdtempSync(join(tmpdir(), 'queue-lab-e2e-'));
  const dbFile = options.dbFile ?? join(dir, 'lab.db');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
  delete env.QUEUE_LAB_DB;
  delete env.XDG_DATA_HOME;
  const args = [BIN, 'serve', '--port', '0', '--db', dbFile];
  if (options.run) args.push('--run', options.run);
  if (options.timeScale !== undefined) args.push('--time-scale', String(options.timeScale));
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url: string | undefined;
  for (let i = 0; i < 400 && !url && child.exitCode === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
    url = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
  }
  if (!url) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`queue-lab serve did not print its URL:\n${out}`);
  }
  const clients: WsLabClient[] = [];
  const hostUrl = url;
  return {
    url: hostUrl,
    dbFile,
    output: () => out,
    async api() {
      const client = await connectWsLabClient(labSocketUrl(hostUrl), { WebSocket: WebSocket as unknown as WebSocketConstructorLike });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const c of clients) c.close();
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
