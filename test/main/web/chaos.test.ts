// Chaos fired by hand, through the web host over a real socket: a live run
// with real worker processes (runLive + NodeWorkerHost) in this process,
// its ChaosControl handed to the host as serve --run does, then POST /chaos
// and the LabApi's `chaos`. What happened is read back from the database.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createChaosControl, type LiveChaos } from '../../../src/main/engine/live/chaos-control.ts';
import { runLive, type LiveRunControl } from '../../../src/main/engine/live/run-live.ts';
import type { ActiveRun } from '../../../src/main/web/active-run.ts';
import { NodeWorkerHost } from '../../../src/main/workers/node-worker-host.ts';
import { LabApiError } from '../../../src/shared/lab-api/lab-api.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';
import { cleanUp, eventually, liveRun, onCleanUp, openLab, startHost } from './web-helpers.ts';

afterEach(cleanUp);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function post(base: string, path: string, body: unknown): Promise<Answer> {
  const res = await fetch(new URL(path, base), { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LabApiError);
    return error as LabApiError;
  }
  throw new Error('expected the call to fail');
}

/**
 * Busy workers for about five wall seconds at time scale 0.02: 60 jobs of
 * 4-8 s (80-160 ms of wall time, so the kill lands mid-job), one every 4 s,
 * for 2 workers.
 */
const BUSY: ScenarioInput = {
  name: 'chaos over http',
  seed: 21,
  jobTypes: { work: { duration: { kind: 'uniform', min: 4, max: 8 } } },
  producers: [{ jobType: 'work', count: 60, arrival: { kind: 'constant', rate: 0.25 } }],
  workers: { count: 2, restartDelay: 1 },
  retry: { maxAttempts: 5, backoff: { kind: 'fixed', initial: 1 }, jitter: 'none' },
  visibilityTimeout: 5,
  heartbeatInterval: 1,
};

describe('chaos: no live run', () => {
  it('409 over REST and no_active_run over the LabApi; a run without chaos controls is refused too', async () => {
    const host = await startHost();
    const answer = await post(host.url, '/chaos', { action: 'kill', worker: 1 });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatch(/no live run is active/);
    expect(await rejection(host.labApi.chaos({ action: 'kill', worker: 1 }))).toMatchObject({ code: 'no_active_run' });
    // Params are checked before the run is looked for.
    expect(await rejection(host.labApi.chaos({ action: 'explode' } as never))).toMatchObject({ code: 'bad_params', field: 'action' });

    // An active run whose workers this host does not run (no `chaos`): still 409.
    host.setActiveRun(liveRun(host.dbFile));
    const without = await post(host.url, '/chaos', { action: 'unsafe_claim', on: true });
    expect(without.status).toBe(409);
    expect(without.body.error).toMatch(/no chaos controls/);
    expect(await rejection(host.labApi.chaos({ action: 'unsafe_claim', on: true }))).toMatchObject({ code: 'no_active_run' });
  });
});

describe('chaos: on a live run with real workers', () => {
  it('kill w1 over REST: 200, a worker_crashed for w1, and the run still completes with 0 lost', { timeout: 30_000 }, async () => {
    const host = await startHost();
    const db = openLab(host.dbFile);
    const checked = validateScenario(BUSY);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const scenario = checked.scenario;
    let control: LiveRunControl | undefined;
    let chaos: LiveChaos | undefined;
    const done = runLive(scenario, {
      db,
      host: new NodeWorkerHost({ log: () => {} }),
      timeScale: 0.02,
      startLeadMs: 800,
      maxWallSeconds: 25,
      onStarted: (c) => {
        control = c;
        chaos = createChaosControl(c);
        const run: ActiveRun = { runId: c.runId, store: c.store, scenario, now: () => c.clock.now(), chaos };
        host.setActiveRun(run);
      },
    });
    onCleanUp(async () => {
      chaos?.close();
      await done.catch(() => {});
    });
    await eventually(() => control, 'the run to start');
    const runId = control!.runId;
    const reader = new Database(host.dbFile, { readonly: true });
    onCleanUp(() => {
      reader.close();
    });
    const busyW1 = reader.prepare(`SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_owner = 'w1'`).pluck();
    await eventually(() => (busyW1.get(runId) as number) > 0, 'w1 to hold a job', 10_000);

    const killed = await post(host.url, '/chaos', { action: 'kill', worker: 1 });
    expect(killed).toEqual({ status: 200, body: { ok: true, detail: expect.stringMatching(/^w1 killed \(SIGKILL\)/) } });

    // Validation, on the running run: the field is named.
    const bad = await post(host.url, '/chaos', { action: 'explode', worker: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^action: expected one of kill, hang, slow, unsafe_claim, add_worker, remove_worker, outage, capacity_drop, poison, lock_contention/);
    const far = await post(host.url, '/chaos', { action: 'kill', worker: 99 });
    expect(far).toEqual({ status: 400, body: { error: 'worker: this run has workers 1..2, got 99' } });
    const missing = await post(host.url, '/chaos', { action: 'slow', worker: 2 });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^factor: required/);
    // The same checks through the LabApi (in process, JSON-copied as a transport answers).
    expect(await rejection(host.labApi.chaos({ action: 'explode' } as never))).toMatchObject({ code: 'bad_params', field: 'action' });
    expect(await rejection(host.labApi.chaos({ action: 'kill', worker: 99 }))).toMatchObject({
      code: 'bad_params', field: 'worker', message: 'chaos: worker: this run has workers 1..2, got 99',
    });
    expect(await rejection(host.labApi.chaos({ action: 'slow', worker: 0, factor: 2 }))).toMatchObject({ code: 'bad_params', field: 'worker' });
    // And two that act: w2 slower, then normal again; a short lock-contention window.
    expect(await host.labApi.chaos({ action: 'slow', worker: 2, factor: 3 })).toEqual({ ok: true, detail: 'w2 3x slower' });
    expect(await host.labApi.chaos({ action: 'slow', worker: 2, factor: 1 })).toEqual({ ok: true, detail: 'w2 back to normal speed' });
    const lock = await post(host.url, '/chaos', { action: 'lock_contention', seconds: 5, hold_ms: 10 });
    expect(lock).toMatchObject({ status: 200, body: { ok: true } });

    const summary = await done;
    expect(summary.status).toBe('completed');
    expect(summary.lost).toBe(0);
    expect(summary.jobs.total).toBe(60);
    expect(summary.jobs.succeeded).toBe(60);

    const events = reader
      .prepare(`SELECT seq, kind, worker, detail FROM events WHERE run_id = ? AND kind IN ('fault_started', 'fault_ended', 'worker_crashed') ORDER BY seq`)
      .all(runId) as { seq: number; kind: string; worker: string | null; detail: string }[];
    const fired = events.find((e) => e.kind === 'fault_started' && e.detail === 'kill w1 (chaos)');
    expect(fired, JSON.stringify(events)).toMatchObject({ worker: 'w1' });
    const crashed = events.find((e) => e.kind === 'worker_crashed' && e.worker === 'w1');
    expect(crashed?.detail).toMatch(/^killed \(code null, signal SIGKILL\)/);
    expect(crashed!.seq).toBeGreaterThan(fired!.seq);
    expect(events.filter((e) => e.kind === 'worker_crashed')).toHaveLength(1);
    expect(events.map((e) => `${e.kind} ${e.detail}`)).toEqual(
      expect.arrayContaining([
        'fault_started slow w2 x3 (chaos)',
        'fault_ended slow w2 x1 (chaos)',
        'fault_started lockContention 10 ms holds for 5 s (chaos)',
        'fault_ended lockContention (chaos)',
      ]),
    );
    // The attempt w1 had in hand came back through its lease, as `crashed`.
    const outcomes = reader.prepare(`SELECT outcome FROM attempts WHERE run_id = ? AND worker = 'w1' AND outcome IN ('crashed', 'lost')`).pluck().all(runId);
    expect(outcomes).toEqual(['crashed']);

    // The run has ended: chaos is refused while its data is still served.
    const after = await post(host.url, '/chaos', { action: 'kill', worker: 2 });
    expect(after.status).toBe(409);
    expect(after.body.error).toMatch(/has ended/);
    expect(await rejection(host.labApi.chaos({ action: 'kill', worker: 2 }))).toMatchObject({ code: 'no_active_run' });
  });
});

describe('chaos: the UI buttons on a run started with startLive', () => {
  /** Two job types for 3 wall seconds or so at time scale 0.05; mail's downstream goes down at once. */
  const TWO_TYPES: ScenarioInput = {
    name: 'chaos buttons',
    seed: 4,
    jobTypes: { work: { duration: { kind: 'constant', value: 1 } }, mail: { duration: { kind: 'constant', value: 1 } } },
    producers: [
      { jobType: 'work', count: 40, arrival: { kind: 'constant', rate: 1.5 } },
      { jobType: 'mail', count: 20, arrival: { kind: 'constant', rate: 1 } },
    ],
    workers: { count: 2 },
    retry: { maxAttempts: 2, backoff: { kind: 'fixed', initial: 1 }, jitter: 'none' },
  };

  it('outage fails every attempt of its type, poison dies after its attempts, add and remove workers', { timeout: 40_000 }, async () => {
    const host = await startHost();
    const { runId } = await host.labApi.startLive({ scenario: TWO_TYPES as Record<string, unknown>, timeScale: 0.05 });
    expect(await post(host.url, '/chaos', { action: 'outage', type: 'nope', seconds: 5 })).toEqual({
      status: 400, body: { error: 'type: unknown job type "nope"; this run has work, mail' },
    });
    const outage = await post(host.url, '/chaos', { action: 'outage', type: 'mail', seconds: 100_000 });
    expect(outage).toMatchObject({ status: 200, body: { ok: true } });
    const poison = await post(host.url, '/chaos', { action: 'poison', type: 'work' });
    expect(poison).toMatchObject({ status: 200, body: { ok: true, detail: expect.stringMatching(/^poison job #(\d+) \(work\)/) } });
    const poisonSeq = Number(/#(\d+)/.exec(poison.body.detail as string)![1]);
    expect(await post(host.url, '/chaos', { action: 'add_worker' })).toMatchObject({ status: 200, body: { ok: true, detail: 'w3 added: 3 workers now' } });
    // Removal is graceful once a worker listens: a process still starting up would just die of the SIGTERM.
    const reader = openLab(host.dbFile);
    const w1Attempts = reader.prepare(`SELECT COUNT(*) FROM attempts WHERE run_id = ? AND worker = 'w1'`).pluck();
    await eventually(() => (w1Attempts.get(runId) as number) > 0, 'w1 to take a job', 15_000);
    const removed = await post(host.url, '/chaos', { action: 'remove_worker', worker: 1 });
    expect(removed).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post(host.url, '/chaos', { action: 'remove_worker', worker: 1 })).toMatchObject({ status: 200, body: { ok: false } });

    await eventually(async () => (await host.labApi.getRun({ id: runId })).status !== 'running', 'the run to end', 30_000);
    const poll = async (): Promise<void> => {
      for (let i = 0; i < 300 && (await host.labApi.getActiveRun()) !== null; i++) await new Promise((r) => setTimeout(r, 50));
    };
    await poll();
    const run = await host.labApi.getRun({ id: runId });
    expect(run.status).toBe('completed');
    expect(run.summary?.jobs).toMatchObject({ total: 61, succeeded: 40, dead: 21 });

    const mail = reader
      .prepare(`SELECT a.outcome, a.error FROM attempts a JOIN jobs j ON j.id = a.job_id WHERE j.run_id = ? AND j.type = 'mail'`)
      .all(runId) as { outcome: string; error: string }[];
    expect(mail).toHaveLength(40);
    expect(new Set(mail.map((a) => `${a.outcome}: ${a.error}`))).toEqual(new Set(['failed: downstream unavailable (503): outage of mail (chaos)']));
    const pill = await host.labApi.listAttempts({ runId, seq: poisonSeq });
    expect(pill.map((a) => [a.outcome, a.error])).toEqual([
      ['failed', 'poison message: the handler throws on this payload every time'],
      ['failed', 'poison message: the handler throws on this payload every time'],
    ]);
    expect(pill[0]!.backoff).toMatchObject({ base: 1, delay: 1, kind: 'fixed', jitter: 'none' });

    const events = await host.labApi.listEvents({ runId, limit: 5000 });
    const started = events.filter((e) => e.kind === 'worker_started').map((e) => e.worker);
    expect(started.sort()).toEqual(['w1', 'w2', 'w3']);
    expect(events.filter((e) => e.kind === 'worker_crashed')).toEqual([]);
    const removal = events.find((e) => e.kind === 'fault_started' && e.detail?.startsWith('remove w1'))!;
    const lateW1 = reader.prepare(`SELECT COUNT(*) FROM attempts WHERE run_id = ? AND worker = 'w1' AND started_at > ?`).pluck().get(runId, removal.t + 2);
    expect(lateW1).toBe(0);
    expect(reader.prepare(`SELECT COUNT(*) FROM attempts WHERE run_id = ? AND worker = 'w3'`).pluck().get(runId)).toBeGreaterThan(0);
  });
});
