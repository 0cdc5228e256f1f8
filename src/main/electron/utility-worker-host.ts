// WorkerHost for the desktop app: Electron's utilityProcess.fork of the same
// worker entry the Node host starts (src/main/workers/worker-main.ts), which
// talks to us through process.parentPort when it runs in a utility process
// (parent-channel.ts). The spec travels in QUEUE_LAB_WORKER_SPEC, as with
// the Node host. Every message from a worker is validated with
// fromWorkerSchema; invalid ones are dropped and logged.
//
// Exits are normalised to {code, signal, reason} as the Node host does it,
// from less information: Electron's 'exit' event gives only an exit code,
// never a signal, and UtilityProcess.kill() sends SIGTERM (graceful). So:
//   - kill() sends SIGKILL itself (process.kill on the pid), and an exit after
//     it with a non-zero code reads {code: null, signal: 'SIGKILL', reason:
//     'killed'}, the shape the Node host reports: the signal is the one we
//     sent, inferred, not reported by Electron;
//   - code 0 is 'exited'; anything else is 'crashed' with signal null, even
//     when an outside signal (the OOM killer) ended it.
// As with the Node host, the exit is reported after the child's stdout and
// stderr have ended, so its last log lines come first.
//
// Written against Electron 38's typings and documentation; it has never run
// here (no Electron binary in this environment), so none of this is
// verified against a real utility process. Open questions, in particular:
// whether utilityProcess honours `--import` in execArgv (the default for a
// .ts entry, to load it through tsx), and what exit code Electron reports for
// a SIGKILLed child. The app passes `entry`: electron-vite's out/main/worker.js;
// the default is the Node host's, the built out/node/worker.js.
//
// utilityProcess.fork may only be called after app's 'ready' event: start
// workers from app.whenReady().
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { ForkOptions } from 'electron';
import { fromWorkerSchema, toWorkerSchema, type FromWorker, type ToWorker } from '../../shared/live/worker-messages.ts';
import { builtCode } from '../paths/built-code.ts';
import { execArgvFor } from '../workers/node-worker-host.ts';
import type { WorkerExit, WorkerHandle, WorkerHost, WorkerSpec } from '../workers/worker-host.ts';
import { encodeWorkerSpec, WORKER_SPEC_ENV } from '../workers/worker-spec.ts';

/** The part of Electron's UtilityProcess this host uses (a test can hand in a fake). */
export interface UtilityChild {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  /** SIGTERM. */
  kill(): boolean;
  once(event: 'spawn', listener: () => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export type UtilityFork = (modulePath: string, args: string[], options: ForkOptions) => UtilityChild;

/** Electron's own utilityProcess.fork, looked up when first needed so that this module loads outside Electron too. */
function electronFork(): UtilityFork {
  const load = createRequire(import.meta.url);
  const { utilityProcess } = load('electron') as typeof import('electron');
  if (!utilityProcess) throw new Error('utilityProcess is not available: the Electron WorkerHost runs only in the Electron main process');
  return (modulePath, args, options) => utilityProcess.fork(modulePath, args, options);
}

export interface UtilityWorkerHostOptions {
  /** Where the children's output lines go (already prefixed); default: this process's stderr. */
  log?: (line: string) => void;
  /** The worker entry; default: the built out/node/worker.js (a .ts entry is loaded through tsx, see the note above). */
  entry?: string;
  /** Extra arguments for the utility process; default for a .ts entry: tsx's loader (`--import`). */
  execArgv?: string[];
  /** Extra environment for the children (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Default: Electron's utilityProcess.fork. */
  fork?: UtilityFork;
}

export class UtilityWorkerHost implements WorkerHost {
  private readonly log: (line: string) => void;
  private readonly entry: string;
  private readonly execArgv: string[];
  private fork: UtilityFork | undefined;

  constructor(private readonly options: UtilityWorkerHostOptions = {}) {
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.entry = options.entry ?? builtCode.liveWorker();
    this.execArgv = options.execArgv ?? execArgvFor(this.entry);
    this.fork = options.fork;
  }

  start(spec: WorkerSpec): WorkerHandle {
    this.fork ??= electronFork();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, ...this.options.env })) if (value !== undefined) env[key] = value;
    env[WORKER_SPEC_ENV] = encodeWorkerSpec(spec);
    const child = this.fork(this.entry, [], {
      env,
      execArgv: this.execArgv,
      stdio: 'pipe',
      serviceName: `Queue Lab worker ${spec.name}`,
    });
    return new UtilityWorkerHandle(spec.name, child, this.log);
  }
}

/** How long the exit waits for the child's output pipes to end before it is reported anyway. */
const DRAIN_MS = 1000;

class UtilityWorkerHandle implements WorkerHandle {
  private readonly messageListeners: ((message: FromWorker) => void)[] = [];
  private readonly exitListeners: ((exit: WorkerExit) => void)[] = [];
  private exit: WorkerExit | null = null;
  private exitCode: number | null = null;
  private spawnedPid: number | undefined;
  private sentKill = false;
  /** kill() or terminate() before the process had a pid: done on 'spawn'. */
  private pending: 'kill' | 'terminate' | null = null;
  private openStreams = 0;

  constructor(
    readonly name: string,
    private readonly child: UtilityChild,
    private readonly log: (line: string) => void,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      this.openStreams++;
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        this.openStreams--;
        this.maybeReport();
      };
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => log(`[${name}] ${line}`));
      stream.on('end', end);
      stream.on('close', end);
      stream.on('error', end);
    }
    child.once('spawn', () => {
      this.spawnedPid = child.pid;
      const pending = this.pending;
      this.pending = null;
      if (pending === 'kill') this.kill();
      else if (pending === 'terminate') this.terminate();
    });
    child.on('message', (raw) => {
      const parsed = fromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        log(`[${name}] dropped an invalid message: ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      for (const listener of this.messageListeners) listener(parsed.data);
    });
    child.on('exit', (code) => {
      if (this.exitCode !== null) return;
      this.exitCode = code;
      this.maybeReport();
      // Pipes that never end (a grandchild holding them) must not hide the exit.
      setTimeout(() => {
        this.openStreams = 0;
        this.maybeReport();
      }, DRAIN_MS).unref();
    });
  }

  get pid(): number | undefined {
    return this.child.pid ?? this.spawnedPid;
  }

  send(message: ToWorker): void {
    const body = toWorkerSchema.parse(message);
    if (this.exitCode !== null) return; // a worker that is gone needs no orders
    try {
      this.child.postMessage(body);
    } catch (error) {
      this.log(`[${this.name}] could not send ${body.type}: ${(error as Error).message}`);
    }
  }

  /** SIGKILL, sent by us: UtilityProcess.kill() would be SIGTERM. */
  kill(): void {
    if (this.exitCode !== null) return;
    const pid = this.child.pid;
    if (pid === undefined) {
      this.pending = 'kill';
      return;
    }
    this.sentKill = true;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      // ESRCH: it is already gone; its 'exit' is on the way.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') this.log(`[${this.name}] could not kill: ${(error as Error).message}`);
    }
  }

  terminate(): void {
    if (this.exitCode !== null) return;
    if (this.child.pid === undefined) {
      this.pending ??= 'terminate';
      return;
    }
    this.child.kill();
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.messageListeners.push(listener);
  }

  /** Called once when the process ends; at once if it already has. */
  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.exit) listener(this.exit);
    else this.exitListeners.push(listener);
  }

  private maybeReport(): void {
    if (this.exit || this.exitCode === null || this.openStreams > 0) return;
    this.exit = normaliseExit(this.exitCode, this.sentKill);
    for (const listener of this.exitListeners.splice(0)) listener(this.exit);
  }
}

/** Electron reports an exit code only; the signal is known only when we sent it. */
export function normaliseExit(code: number, sentKill: boolean): WorkerExit {
  if (code === 0) return { code: 0, signal: null, reason: 'exited' };
  if (sentKill) return { code: null, signal: 'SIGKILL', reason: 'killed' };
  return { code, signal: null, reason: 'crashed' };
}
