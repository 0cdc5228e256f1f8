// The Electron WorkerHost's own logic on a fake utility process (an
// EventEmitter with piped output, standing in for Electron's UtilityProcess):
// what it hands to fork, message validation both ways, exits normalised to
// the Node host's {code, signal, reason}, SIGKILL sent by the host itself.
// This is not Electron: whether a real utility process behaves as the fake
// does is what the conformance suite would show (utility-worker-host.test.ts).
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ForkOptions } from 'electron';
import { normaliseExit, UtilityWorkerHost, type UtilityChild } from '../../../src/main/electron/utility-worker-host.ts';
import type { WorkerExit, WorkerSpec } from '../../../src/main/workers/worker-host.ts';
import { decodeWorkerSpec, WORKER_SPEC_ENV } from '../../../src/main/workers/worker-spec.ts';
import type { FromWorker } from '../../../src/shared/live/worker-messages.ts';

class FakeChild extends EventEmitter implements UtilityChild {
  pid: number | undefined = undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  terms = 0;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  kill(): boolean {
    this.terms++;
    return true;
  }

  spawn(pid = 4242): void {
    this.pid = pid;
    this.emit('spawn');
  }

  /** As Electron does: output ends, 'exit' with a code, pid gone. */
  end(code: number): void {
    this.stdout.end();
    this.stderr.end();
    this.emit('exit', code);
    this.pid = undefined;
  }
}

const SPEC: WorkerSpec = { name: 'w1', dbFile: '/tmp/lab.db', runId: 'r1', scenarioJson: '{"name":"x"}', originMs: 1000, timeScale: 0.05 };

function harness(entry?: string) {
  const lines: string[] = [];
  const forks: { modulePath: string; args: string[]; options: ForkOptions; child: FakeChild }[] = [];
  const host = new UtilityWorkerHost({
    log: (line) => lines.push(line),
    env: { QUEUE_LAB_TEST_EXTRA: 'yes' },
    ...(entry === undefined ? {} : { entry }),
    fork: (modulePath, args, options) => {
      const child = new FakeChild();
      forks.push({ modulePath, args, options, child });
      return child;
    },
  });
  const handle = host.start(SPEC);
  const child = forks[0]!.child;
  const messages: FromWorker[] = [];
  handle.onMessage((m) => messages.push(m));
  const exit = new Promise<WorkerExit>((resolve) => handle.onExit(resolve));
  return { host, handle, child, forks, lines, messages, exit };
}

afterEach(() => vi.restoreAllMocks());

describe('UtilityWorkerHost on a fake utility process', () => {
  it('forks the built worker (no loader) with the spec in QUEUE_LAB_WORKER_SPEC and piped output', () => {
    const { forks } = harness();
    expect(forks).toHaveLength(1);
    const { modulePath, args, options } = forks[0]!;
    expect(modulePath).toMatch(/out\/node\/worker\.js$/);
    expect(args).toEqual([]);
    expect(options.stdio).toBe('pipe');
    expect(options.execArgv).toEqual([]);
    expect(options.serviceName).toBe('Queue Lab worker w1');
    const env = options.env as Record<string, string>;
    expect(decodeWorkerSpec(env[WORKER_SPEC_ENV])).toEqual(SPEC);
    expect(env.QUEUE_LAB_TEST_EXTRA).toBe('yes');
    // A TypeScript entry (a test's instrumented worker) goes through tsx's loader.
    const ts = harness('/app/test/worker.ts').forks[0]!.options.execArgv;
    expect(ts?.[0]).toBe('--import');
    expect(ts?.[1]).toMatch(/^file:\/\/.*tsx/);
  });

  it('delivers valid messages, drops invalid ones with a log line; orders are validated before they go', () => {
    const { handle, child, messages, lines } = harness();
    child.spawn();
    child.emit('message', { type: 'ready', pid: 4242 });
    child.emit('message', { type: 'claimed', job: 'seven' });
    child.emit('message', 'nonsense');
    expect(messages).toEqual([{ type: 'ready', pid: 4242 }]);
    expect(lines.filter((l) => l.startsWith('[w1] dropped an invalid message'))).toHaveLength(2);
    handle.send({ type: 'slow', factor: 3 });
    expect(child.posted).toEqual([{ type: 'slow', factor: 3 }]);
    expect(() => handle.send({ type: 'slow', factor: -1 })).toThrow();
    expect(handle.pid).toBe(4242);
  });

  it('a clean exit: the output lines first, then {code: 0, signal: null, reason: exited}; the pid stays readable', async () => {
    const { handle, child, lines, exit } = harness();
    child.spawn(77);
    let exited: WorkerExit | null = null;
    handle.onExit((e) => {
      exited = e;
      expect(lines).toContain('[w1] last words');
    });
    child.stderr.write('last words\n');
    child.end(0);
    expect(await exit).toEqual({ code: 0, signal: null, reason: 'exited' });
    expect(exited).not.toBeNull();
    expect(handle.pid).toBe(77);
    // Gone: orders are not posted any more, and a late listener hears the exit at once.
    handle.send({ type: 'stop' });
    expect(child.posted).toEqual([]);
    const late = await new Promise<WorkerExit>((resolve) => handle.onExit(resolve));
    expect(late.reason).toBe('exited');
  });

  it('kill(): SIGKILL to the pid (not UtilityProcess.kill, which is SIGTERM), and the exit reads killed', async () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const { handle, child, exit } = harness();
    child.spawn(4343);
    handle.kill();
    expect(kill).toHaveBeenCalledWith(4343, 'SIGKILL');
    expect(child.terms).toBe(0);
    child.end(9);
    expect(await exit).toEqual({ code: null, signal: 'SIGKILL', reason: 'killed' });
  });

  it('terminate() is UtilityProcess.kill (SIGTERM); a graceful exit 0 reads exited', async () => {
    const { handle, child, exit } = harness();
    child.spawn();
    handle.terminate();
    expect(child.terms).toBe(1);
    child.end(0);
    expect(await exit).toEqual({ code: 0, signal: null, reason: 'exited' });
  });

  it('kill() or terminate() before the process has a pid waits for the spawn', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const a = harness();
    a.handle.kill();
    expect(kill).not.toHaveBeenCalled();
    a.child.spawn(5151);
    expect(kill).toHaveBeenCalledWith(5151, 'SIGKILL');
    const b = harness();
    b.handle.terminate();
    expect(b.child.terms).toBe(0);
    b.child.spawn();
    expect(b.child.terms).toBe(1);
  });

  it('an exit it did not cause with a non-zero code is crashed, with no signal (Electron reports none)', async () => {
    const { child, exit } = harness();
    child.spawn();
    child.end(1);
    expect(await exit).toEqual({ code: 1, signal: null, reason: 'crashed' });
    expect(normaliseExit(0, true)).toEqual({ code: 0, signal: null, reason: 'exited' });
  });
});
