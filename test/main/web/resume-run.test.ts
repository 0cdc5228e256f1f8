// resumeRun over the real web host (a WebSocket client, worker child
// processes): a live run stopped part way is continued to completion with
// nothing lost, and the calls the CLI's `resume` refuses are refused here too,
// with a code and the field at fault.
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { LabApiError, type LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import { connectWsLabClient, labSocketUrl } from '../../../src/shared/lab-api/ws-client.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { cleanUp, onCleanUp, startHost } from './web-helpers.ts';

afterAll(cleanUp);

/** 60 short jobs over about 6 scenario seconds: long enough to stop part way, short enough to finish. */
const RESUMABLE: ScenarioInput = {
  name: 'resumable',
  seed: 4,
  jobTypes: { work: { duration: { kind: 'constant', value: 0.2 } } },
  producers: [{ jobType: 'work', count: 60, arrival: { kind: 'constant', rate: 10 } }],
  workers: { count: 2 },
};

async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(LabApiError);
  return error as LabApiError;
}

async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function connect(): Promise<LabApi> {
  const host = await startHost();
  const client = await connectWsLabClient(labSocketUrl(host.url), { WebSocket });
  onCleanUp(async () => {
    client.close();
    await host.close();
  });
  return client;
}

describe('LabApi resumeRun over the web host', () => {
  it('continues a stopped live run to completion: every job succeeds once, none lost', { timeout: 90_000 }, async () => {
    const api = await connect();
    const { runId } = await api.startLive({ scenario: RESUMABLE as Record<string, unknown>, timeScale: 0.3 });
    // Stop it part way: some jobs done, most not yet enqueued.
    await eventually(async () => (await api.listEvents({ runId, limit: 5000 })).some((e) => e.kind === 'succeeded'), 'a first job done', 30_000);
    expect(await api.stopRun({ runId, how: 'kill' })).toEqual({ stopped: true });
    expect(await api.getRun({ id: runId })).toMatchObject({ status: 'interrupted' });
    const before = (await api.listEvents({ runId, limit: 5000 })).filter((e) => e.kind === 'succeeded').length;
    expect(before).toBeLessThan(60);

    expect(await api.resumeRun({ runId, timeScale: 0.05 })).toEqual({ runId });
    expect(await api.getActiveRun()).toEqual({ runId });
    // While it runs, neither a second resume nor a new live run may start.
    expect(await rejection(api.resumeRun({ runId }))).toMatchObject({ code: 'run_active' });
    expect(await rejection(api.startLive({ scenario: RESUMABLE as Record<string, unknown> }))).toMatchObject({ code: 'run_active' });

    const done = await eventually(async () => {
      const run = await api.getRun({ id: runId });
      return run.status === 'running' ? undefined : run;
    }, 'the resumed run to end', 60_000);
    expect(done.status).toBe('completed');
    expect(done.summary?.jobs).toMatchObject({ total: 60, succeeded: 60, dead: 0 });
    const succeeded = (await api.listEvents({ runId, limit: 5000 })).filter((e) => e.kind === 'succeeded').map((e) => e.job);
    expect(new Set(succeeded).size).toBe(60);
    expect(await api.getActiveRun()).toBeNull();
    // A completed run is not resumable.
    expect(await rejection(api.resumeRun({ runId }))).toMatchObject({ code: 'bad_params', field: 'runId', message: expect.stringContaining('completed') });
  });

  it('refuses an unknown run, an instant run and malformed params, and starts nothing', { timeout: 30_000 }, async () => {
    const api = await connect();
    expect(await rejection(api.resumeRun({ runId: 'no-such-run' }))).toMatchObject({ code: 'not_found', field: 'runId' });
    const instant = await api.runInstant({ scenario: { ...RESUMABLE, name: 'instant' } as Record<string, unknown> });
    expect(await rejection(api.resumeRun({ runId: instant.run_id }))).toMatchObject({
      code: 'bad_params',
      field: 'runId',
      message: expect.stringContaining('instant run'),
    });
    expect(await rejection(api.resumeRun({ runId: instant.run_id, timeScale: 0 }))).toMatchObject({ code: 'bad_params', field: 'timeScale' });
    expect(await rejection(api.resumeRun({ runId: instant.run_id, extra: 1 } as never))).toMatchObject({ code: 'bad_params' });
    expect(await api.getActiveRun()).toBeNull();
    expect(await api.getRun({ id: instant.run_id })).toMatchObject({ status: 'completed' });
  });
});
