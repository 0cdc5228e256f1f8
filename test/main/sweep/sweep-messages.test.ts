// The sweep's messages between processes are validated on both sides with
// the shared schemas (issue 10): the real built sweep worker answers a
// malformed message or scenario with a failure naming the field, and the
// sweep fails when a worker sends something that is not a sweep message.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCode } from '../../../src/main/paths/built-code.ts';
import { runSweep } from '../../../src/main/sweep/sweep-runner.ts';
import type { SweepTask } from '../../../src/main/sweep/sweep-plan.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The built sweep worker; `send` one message and read the answer after its `ready`. */
async function askWorker(message: unknown): Promise<Record<string, unknown>> {
  const child = fork(builtCode.sweepWorker(), [], { env: { ...process.env, QUEUE_LAB_SWEEP_DB: '' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  cleanups.push(() => child.kill());
  const messages: Record<string, unknown>[] = [];
  const answered = new Promise<void>((resolve) => {
    child.on('message', (m: Record<string, unknown>) => {
      messages.push(m);
      if (m.type === 'ready') child.send(message as object);
      else resolve();
    });
  });
  await answered;
  return messages[1]!;
}

describe('sweep worker: what it receives', () => {
  it('a message that is not a run request is refused naming the field, and nothing runs', async () => {
    expect(await askWorker({ type: 'run', index: 'first', scenario: {} })).toEqual({
      type: 'failed',
      index: null,
      message: 'the sweep worker got an invalid message: index: expected an integer, got "first"',
    });
    expect((await askWorker({ type: 'run', index: 0, scenario: 5 })).message).toMatch(/invalid message: scenario: expected/);
  });

  it('an invalid scenario is refused with its issues, under its index', async () => {
    expect(await askWorker({ type: 'run', index: 3, scenario: { workers: { count: -1 } } })).toEqual({
      type: 'failed',
      index: 3,
      message: 'invalid scenario: workers.count: expected an integer >= 1, got -1',
    });
  });
});

describe('sweep runner: what workers send back', () => {
  function standIn(reply: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'queue-lab-sweep-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'worker.cjs');
    writeFileSync(file, `process.on('message', () => process.send(${JSON.stringify(reply)}));\nprocess.on('disconnect', () => process.exit(0));\nprocess.send({ type: 'ready' });\n`);
    return file;
  }

  const scenario = (() => {
    const checked = validateScenario({ producers: [{ count: 3 }] });
    if (!checked.ok) throw new Error('scenario');
    return checked.scenario;
  })();
  const tasks: SweepTask[] = [{ index: 0, combination: 0, values: {}, seed: 1, scenario } as SweepTask];

  it('a done without a summary, or an unknown message, fails the sweep naming the field', async () => {
    await expect(runSweep(tasks, { parallel: 1, workerEntry: standIn({ type: 'done', index: 0, summary: 'fine' }) })).rejects.toThrow(
      /^a sweep worker sent an invalid message: summary: /,
    );
    await expect(runSweep(tasks, { parallel: 1, workerEntry: standIn({ type: 'gossip' }) })).rejects.toThrow(/^a sweep worker sent an invalid message: type: /);
  });

  it('an answer for a run the worker was not given fails the sweep', async () => {
    const summary = { run_id: 'x' };
    await expect(runSweep(tasks, { parallel: 1, workerEntry: standIn({ type: 'done', index: 5, summary }) })).rejects.toThrow(
      'a sweep worker answered for run 6, but it was given run 1',
    );
  });
});
