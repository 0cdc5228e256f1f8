// WorkerHost for plain Node (the CLI, the web host, the tests):
// child_process.fork of the built live worker, out/node/worker.js (`npm run
// build` makes it from worker-main.ts): plain JavaScript, so a worker starts
// as fast as Node does. An entry given as a .ts file (a test's or a bench's
// instrumented worker) is loaded through tsx, passed as `--import <absolute
// file URL of tsx's loader>`: an absolute URL, not the bare name `tsx`,
// because Node resolves `--import` specifiers from the child's working
// directory, and `npx queue-lab` may run anywhere. Each line the child writes
// to stdout or stderr reaches the log prefixed with the worker's name. Every
// message from the child is validated with fromWorkerSchema; invalid ones
// are dropped and logged.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { fromWorkerSchema, toWorkerSchema, type FromWorker, type ToWorker } from '../../shared/live/worker-messages.ts';
import { builtCode, notBuiltMessage } from '../paths/built-code.ts';
import type { WorkerExit, WorkerHandle, WorkerHost, WorkerSpec } from './worker-host.ts';
import { encodeWorkerSpec, WORKER_SPEC_ENV } from './worker-spec.ts';

/** tsx's ESM loader (package export "."), as a URL `--import` accepts from any working directory. */
export function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** Node's flags for running `entry`: none for built JavaScript, tsx's loader for TypeScript. */
export function execArgvFor(entry: string): string[] {
  return entry.endsWith('.ts') ? ['--import', tsxLoaderUrl()] : [];
}

/** Throws the "run npm run build" message when a built entry is missing, before any process is forked. */
export function requireBuilt(entry: string): string {
  if (!existsSync(entry)) throw new Error(notBuiltMessage(entry));
  return entry;
}

export interface NodeWorkerHostOptions {
  /** Where the children's output lines go (already prefixed); default: this process's stderr. */
  log?: (line: string) => void;
  /** The worker entry; default: the built out/node/worker.js. A .ts entry runs through tsx (tests, benches). */
  entry?: string;
  /** Extra environment for the children (merged over process.env). */
  env?: NodeJS.ProcessEnv;
}

export class NodeWorkerHost implements WorkerHost {
  private readonly log: (line: string) => void;
  private readonly entry: string;

  constructor(private readonly options: NodeWorkerHostOptions = {}) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.entry = options.entry ?? builtCode.liveWorker();
  }

  start(spec: WorkerSpec): WorkerHandle {
    const child = fork(requireBuilt(this.entry), [], {
      execArgv: execArgvFor(this.entry),
      env: { ...process.env, ...this.options.env, [WORKER_SPEC_ENV]: encodeWorkerSpec(spec) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    return new NodeWorkerHandle(spec.name, child, this.log);
  }
}

class NodeWorkerHandle implements WorkerHandle {
  private readonly messageListeners: ((message: FromWorker) => void)[] = [];
  private readonly exitListeners: ((exit: WorkerExit) => void)[] = [];
  private exit: WorkerExit | null = null;
  private sentKill = false;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    private readonly log: (line: string) => void,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => log(`[${name}] ${line}`));
    }
    child.on('message', (raw: unknown) => {
      const parsed = fromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        log(`[${name}] dropped an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      for (const listener of this.messageListeners) listener(parsed.data);
    });
    // 'close', not 'exit': it comes after the IPC channel and the output pipes
    // are drained, so every message and log line is delivered before the exit.
    child.on('close', (code, signal) => this.exited(code, signal));
    // Spawning failed (or a signal could not be sent): if no process runs, no 'exit' will come.
    child.on('error', (error) => {
      log(`[${name}] ${error.message}`);
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) this.exited(child.exitCode, child.signalCode);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: ToWorker): void {
    const body = toWorkerSchema.parse(message);
    if (this.exit || !this.child.connected) return; // a worker that is gone needs no orders
    this.child.send(body, (error) => {
      if (error && !this.exit) this.log(`[${this.name}] could not send ${body.type}: ${error.message}`);
    });
  }

  kill(): void {
    if (this.exit) return;
    this.sentKill = true;
    this.child.kill('SIGKILL');
  }

  terminate(): void {
    if (this.exit) return;
    this.child.kill('SIGTERM');
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.messageListeners.push(listener);
  }

  /** Called once when the process ends; at once if it already has. */
  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.exitListeners.push(listener);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exit) return;
    const reason: WorkerExit['reason'] =
      this.sentKill && signal === 'SIGKILL' ? 'killed' : signal === null && code === 0 ? 'exited' : 'crashed';
    this.exit = { code, signal, reason };
    for (const listener of this.exitListeners.splice(0)) listener(this.exit);
  }
}
