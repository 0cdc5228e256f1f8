// Caps that keep one request from taking the host down for everyone
// connected (issue 10): at most 64 live workers per run, add_worker
// included, and no instant run of more than 1,000,000 jobs inside the host's
// event loop (the CLI runs those). Refused calls store nothing.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCommand } from '../../../src/main/cli/commands/serve.ts';
import type { ActiveRun, ChaosControl } from '../../../src/main/web/active-run.ts';
import { ChaosRefused, fireChaos } from '../../../src/main/web/chaos.ts';
import type { WorkerHost } from '../../../src/main/workers/worker-host.ts';
import { LabApiError } from '../../../src/shared/lab-api/lab-api.ts';
import { MAX_API_INSTANT_JOBS, MAX_LIVE_WORKERS } from '../../../src/shared/live/run-caps.ts';
import { cleanUp, LIVE_SCENARIO, openLab, startHost, tempLabFile } from './web-helpers.ts';

afterEach(cleanUp);

async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(LabApiError);
  return error as LabApiError;
}

/** A WorkerHost that counts the processes it was asked for and starts none. */
function countingWorkerHost(): { host: () => WorkerHost; started: () => number } {
  let started = 0;
  const host: WorkerHost = {
    start(spec) {
      started++;
      return { name: spec.name, pid: undefined, send() {}, kill() {}, terminate() {}, onMessage() {}, onExit() {} };
    },
  };
  return { host: () => host, started: () => started };
}

describe('live workers: at most 64 per run', () => {
  it('startLive with a scenario of 65 workers is bad_params naming workers.count; no process, no run row', async () => {
    const workers = countingWorkerHost();
    const host = await startHost({ workerHost: workers.host });
    const scenario = { ...LIVE_SCENARIO, workers: { count: MAX_LIVE_WORKERS + 1 } };
    const error = await rejection(host.labApi.startLive({ scenario: scenario as Record<string, unknown> }));
    expect(error).toMatchObject({ code: 'bad_params', field: 'workers.count' });
    expect(error.message).toContain(`at most ${MAX_LIVE_WORKERS} live workers`);
    expect(workers.started()).toBe(0);
    expect(openLab(host.dbFile).prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
  });

  it('queue-lab serve --run with 65 workers exits 2 naming workers.count, before serving', async () => {
    const dbFile = tempLabFile();
    const file = join(dirname(dbFile), 'big.json');
    writeFileSync(file, JSON.stringify({ ...LIVE_SCENARIO, workers: { count: MAX_LIVE_WORKERS + 1 } }));
    const err: string[] = [];
    const out: string[] = [];
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5000);
    const code = await serveCommand(['--run', file, '--port', '0', '--db', dbFile], { out: (t) => out.push(t), err: (l) => err.push(l) }, abort.signal);
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(err.join('\n')).toContain(`workers.count: at most ${MAX_LIVE_WORKERS} live workers per run`);
    expect(out).toEqual([]);
  });

  it('add_worker is refused once the run has 64 worker slots, and allowed below', async () => {
    let added = 0;
    const chaos = {
      workers: MAX_LIVE_WORKERS,
      isRunning: () => true,
      addWorker: () => {
        added++;
        return { ok: true, detail: 'added' };
      },
    } as unknown as ChaosControl;
    const run = { runId: 'r', scenario: { jobTypes: {} }, chaos } as unknown as ActiveRun;
    const refused = await fireChaos(run, { action: 'add_worker' }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ChaosRefused);
    expect(refused).toMatchObject({ status: 400, field: 'action' });
    expect((refused as Error).message).toMatch(/at most 64 live workers/);
    expect(added).toBe(0);
    (chaos as { workers: number }).workers = MAX_LIVE_WORKERS - 1;
    expect(await fireChaos(run, { action: 'add_worker' })).toEqual({ ok: true, detail: 'added' });
    expect(added).toBe(1);
  });
});

describe('instant runs over the API: at most 1,000,000 jobs', () => {
  it('a run of 1,000,001 jobs is refused at once (bad_params, producers), nothing stored; the CLI is named', async () => {
    const host = await startHost();
    const scenario = {
      jobTypes: { work: {} },
      producers: [
        { jobType: 'work', count: 500_000, arrival: { kind: 'all-at-once' } },
        { jobType: 'work', count: MAX_API_INSTANT_JOBS - 500_000 + 1, arrival: { kind: 'all-at-once' } },
      ],
    };
    const started = Date.now();
    const error = await rejection(host.labApi.runInstant({ scenario }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'bad_params', field: 'producers' });
    expect(error.message).toContain('queue-lab run');
    expect(openLab(host.dbFile).prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(0);
  });
});
