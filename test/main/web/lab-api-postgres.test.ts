// The lab served on PostgreSQL (`queue-lab serve --db postgres://...`): the
// real web host on a throwaway cluster (this test fails, never skips, when it
// cannot start), driven over a real WebSocket as the UI drives it. A live run
// started from the UI, joined by a `queue-lab worker` child process, is
// listed, opened (timeline with the joined worker's lane, events, attempts,
// dead letters, report) and acted on (chaos, stop, resume); what only a lab
// file can do (instant runs, sweeps) is refused in one plain line.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../src/main/engine/store/postgres/open-postgres.ts';
import { describePostgresUrl } from '../../../src/main/engine/store/postgres/postgres-url.ts';
import { postgresLabStore } from '../../../src/main/web/lab-store.ts';
import { LabApiError, type LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import { connectWsLabClient, labSocketUrl } from '../../../src/shared/lab-api/ws-client.ts';
import type { LabEvent } from '../../../src/shared/events.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { eventually } from '../../helpers/eventually.ts';
import { startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster.ts';
import { BIN, REPO } from '../cli/cli-helpers.ts';
import { cleanUp, onCleanUp, startHost } from './web-helpers.ts';

let cluster: PostgresCluster;
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster({ database: 'lab_ui' });
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await cleanUp();
  await cluster?.stop();
});

/** About 12 scenario seconds of arrivals, a fifth of the jobs dying on their only attempt. */
const JOINABLE: ScenarioInput = {
  name: 'pg ui live',
  seed: 11,
  jobTypes: { work: { duration: { kind: 'constant', value: 0.4 }, failureRate: 0.2, error: 'boom' } },
  producers: [{ jobType: 'work', count: 60, arrival: { kind: 'constant', rate: 5 } }],
  workers: { count: 1 },
  retry: { maxAttempts: 1 },
};

/** Long enough to act on while it runs. */
const LONG: ScenarioInput = {
  name: 'pg ui long',
  seed: 4,
  jobTypes: { work: { duration: { kind: 'constant', value: 0.2 } } },
  producers: [{ jobType: 'work', count: 40, arrival: { kind: 'constant', rate: 4 } }],
  workers: { count: 2 },
};

async function labOnPostgres(database: string): Promise<{ api: LabApi; url: string }> {
  const url = await cluster.createDatabase(database);
  const db = await openPostgres(url);
  const store = await postgresLabStore(db, url, describePostgresUrl(url));
  const host = await startHost({ store });
  const api = await connectWsLabClient(labSocketUrl(host.url), { WebSocket });
  onCleanUp(() => api.close());
  return { api, url };
}

async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(LabApiError);
  return error as LabApiError;
}


function joinWorker(url: string, runId: string, name: string): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', url, '--run', runId, '--count', '1', '--name', name], { cwd: REPO, stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

describe('the lab served on PostgreSQL', () => {
  it('a live run started from the UI, joined by queue-lab worker: listed, opened with the joined lane, dead letters, attempts, report', { timeout: 120_000 }, async () => {
    const { api, url } = await labOnPostgres('ui_joined');
    expect(await api.listRuns()).toEqual([]);
    const { runId } = await api.startLive({ scenario: JOINABLE as Record<string, unknown>, timeScale: 0.5 });
    const streamed: LabEvent[] = [];
    const stop = await api.subscribeEvents({ runId }, (batch) => streamed.push(...batch.events));
    const left = joinWorker(url, runId, 'laptop');

    const finished = await eventually(async () => {
      const run = await api.getRun({ id: runId });
      return run.status !== 'running' && run;
    }, 'the live run to finish', 60_000);
    expect(finished).toMatchObject({ mode: 'live', status: 'completed', scenario: 'pg ui live' });
    expect(finished.summary).toMatchObject({ lost: 0, duplicates: 0, jobs: { total: 60 } });
    expect(await left).toBe(0); // the joined worker leaves by itself when the run ends
    expect(await api.getActiveRun()).toBeNull();
    expect((await api.listRuns()).map((r) => r.id)).toEqual([runId]);

    // The timeline: a lane per worker, the joined one under its name with a "joined" marker, not a restart.
    const events = await api.listEvents({ runId, limit: 5000 });
    await eventually(async () => streamed.length === events.length, 'every stored event on the stream');
    stop();
    expect(streamed.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    const timeline = RunTimeline.fromSnapshot(await api.getTimeline({ runId }));
    expect(timeline.workers()).toEqual(expect.arrayContaining(['w1', 'laptop-1']));
    expect(timeline.workerMarkers().filter((m) => m.worker === 'laptop-1').map((m) => m.kind)).toEqual(['joined']);
    expect(timeline.countsAt(timeline.endTime)).toMatchObject({ succeeded: finished.summary!.jobs.succeeded, dead: finished.summary!.jobs.dead });

    // The joined worker's attempts, read back through the inspector's call.
    const byLaptop = events.find((e) => e.kind === 'claimed' && e.worker === 'laptop-1');
    expect(byLaptop, 'laptop-1 claimed a job').toBeDefined();
    const attempts = await api.listAttempts({ runId, seq: byLaptop!.job! });
    expect(attempts[0]).toMatchObject({ attempt: 1, worker: 'laptop-1', outcome: expect.stringMatching(/succeeded|failed/) });

    // Dead letters on the finished run: list, retry one, forget one.
    const dead = await api.listDead({ runId });
    expect(dead.length).toBe(finished.summary!.jobs.dead);
    expect(dead.length).toBeGreaterThan(1);
    expect(await api.retryDead({ runId, jobId: dead[0]!.jobId })).toEqual({ retried: 1 });
    expect(await api.getJob({ runId, jobId: dead[0]!.jobId })).toMatchObject({ state: 'pending', attemptBase: 1 });
    expect(await api.forgetDead({ runId, jobId: dead[1]!.jobId })).toEqual({ forgotten: 1 });
    expect(await rejection(api.forgetDead({ runId, jobId: dead[1]!.jobId }))).toMatchObject({ code: 'not_dead' });
    expect(await api.listDead({ runId })).toHaveLength(dead.length - 2);

    // The report draws the joined worker's lane with its "joined" mark.
    const report = await api.exportReport({ runId, format: 'html' });
    expect(report.content).toContain('pg ui live');
    expect(report.content).toMatch(/"workers":\["w1","laptop-1"\]|"workers":\["laptop-1","w1"\]/);
    expect(report.content).toContain('⇥ worker joined');
  });

  it('chaos, stop and resume on a live run stored on PostgreSQL; instant runs and sweeps refused in one line', { timeout: 120_000 }, async () => {
    const { api } = await labOnPostgres('ui_chaos');
    const fileOnly = /this lab is served on PostgreSQL \(127\.0\.0\.1:\d+\/ui_chaos\).*instant runs and sweeps in a SQLite lab file only: run the scenario in live mode here, or serve a lab file \(queue-lab serve --db FILE\)/;
    const instant = await rejection(api.runInstant({ builtinKey: 'mm3-baseline' }));
    expect(instant).toMatchObject({ code: 'bad_params' });
    expect(instant.message).toMatch(fileOnly);
    expect((await rejection(api.startSweep({ builtinKey: 'mm3-baseline', vary: [{ path: 'workers.count', values: [1, 2] }] }))).message).toMatch(fileOnly);
    expect(await api.listSweeps()).toEqual([]);
    expect(await api.listRuns()).toEqual([]); // nothing was stored by the refusals

    const { runId } = await api.startLive({ scenario: LONG as Record<string, unknown>, timeScale: 0.5 });
    expect(await api.getActiveRun()).toEqual({ runId });
    await eventually(async () => (await api.listEvents({ runId, limit: 5000 })).some((e) => e.kind === 'succeeded'), 'a job done');
    expect(await api.chaos({ action: 'kill', worker: 1 })).toMatchObject({ ok: true });
    expect(await api.chaos({ action: 'poison' })).toMatchObject({ ok: true, detail: expect.stringContaining('poison job') });
    // SQLite's write lock has no PostgreSQL counterpart: nothing is done, and the answer says why.
    expect(await api.chaos({ action: 'lock_contention', seconds: 2 })).toMatchObject({ ok: false, detail: expect.stringContaining('a postgres store has no such lock') });
    expect(await api.stopRun({ runId, how: 'graceful' })).toEqual({ stopped: true });
    expect(await api.getRun({ id: runId })).toMatchObject({ status: 'interrupted' });

    expect(await api.resumeRun({ runId, timeScale: 0.2 })).toEqual({ runId });
    const done = await eventually(async () => {
      const run = await api.getRun({ id: runId });
      return run.status !== 'running' && run;
    }, 'the resumed run to finish', 60_000);
    expect(done.status).toBe('completed');
    // 40 produced and the poison job: each once, none lost.
    expect(done.summary).toMatchObject({ lost: 0, duplicates: 0, jobs: { total: 41 } });
    const kinds = (await api.listEvents({ runId, limit: 5000 })).filter((e) => e.kind === 'fault_started').map((e) => e.detail);
    expect(kinds).toEqual([expect.stringMatching(/^kill w1/), expect.stringMatching(/^poison job #\d+/)]);
  });
});
