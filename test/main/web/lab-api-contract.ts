// The LabApi contract: one suite that every transport must pass (BullMQ's
// adapter-conformance habit). A transport's test calls
// describeLabApiContract(name, makeClient) with a factory that gives a LabApi
// on a fresh, empty lab database; the suite drives everything through the
// API itself, so the in-process server, the WebSocket client and, later,
// Electron IPC are held to exactly the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../src/shared/events.ts';
import { LabApiError, type EventBatch, type LabApi, type RunInfo } from '../../../src/shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { exportReportCases } from './lab-api-contract-export.ts';
import { sweepCases } from './lab-api-contract-sweep.ts';

export interface ContractSubject {
  api: LabApi;
  close(): Promise<void> | void;
}

/** Small, fast, and deterministic: about half of the 40 jobs die on their only attempt. */
export const CONTRACT_SCENARIO: ScenarioInput = {
  name: 'contract',
  seed: 5,
  jobTypes: { work: { duration: { kind: 'constant', value: 1 }, failureRate: 0.5, error: 'boom' } },
  producers: [{ jobType: 'work', count: 40, arrival: { kind: 'constant', rate: 10 } }],
  workers: { count: 2 },
  retry: { maxAttempts: 1 },
};

/** Retries with exponential backoff and full jitter: jobs that fail twice show two chosen delays. */
export const RETRY_SCENARIO: ScenarioInput = {
  name: 'contract retries',
  seed: 8,
  jobTypes: { work: { duration: { kind: 'constant', value: 1 }, failureRate: 0.6, error: 'flaky' } },
  producers: [{ jobType: 'work', count: 30, arrival: { kind: 'constant', rate: 5 } }],
  workers: { count: 3 },
  retry: { maxAttempts: 4, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 60 }, jitter: 'full' },
};

/** A live run that keeps its one worker busy for far longer than the test: stopRun ends it. */
export const LIVE_CONTRACT_SCENARIO: ScenarioInput = {
  name: 'contract live',
  seed: 3,
  jobTypes: { work: { duration: { kind: 'constant', value: 1 } } },
  producers: [{ jobType: 'work', count: 100_000, arrival: { kind: 'constant', rate: 1 } }],
  workers: { count: 1 },
};

async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LabApiError);
    return error as LabApiError;
  }
  throw new Error('expected the call to fail');
}

async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function describeLabApiContract(name: string, makeClient: () => Promise<ContractSubject>): void {
  describe(`LabApi contract: ${name}`, () => {
    let subject: ContractSubject;
    let api: LabApi;
    let summary: RunSummary;

    beforeAll(async () => {
      subject = await makeClient();
      api = subject.api;
      summary = await api.runInstant({ scenario: CONTRACT_SCENARIO as Record<string, unknown> });
    });
    afterAll(async () => {
      await subject?.close();
    });

    it('listScenarios: the built-ins, each with what it teaches and a runnable scenario', async () => {
      const list = await api.listScenarios();
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(list.map((s) => s.key)).toContain('mm3-baseline');
      for (const s of list) {
        expect(s).toMatchObject({ key: expect.any(String), title: expect.any(String), teaches: expect.any(String), notice: expect.any(String) });
        expect(typeof s.scenario).toBe('object');
      }
    });

    it('validateScenario: defaults filled in when valid; every issue with its path when not', async () => {
      const ok = await api.validateScenario({ text: 'name: tiny\nworkers: { count: 2 }\n' });
      expect(ok).toMatchObject({ ok: true, scenario: { name: 'tiny', workers: { count: 2, concurrency: 1 }, retry: { maxAttempts: 3 } } });
      const bad = await api.validateScenario({ text: '{"workers": {"count": -2}, "sed": 1}', format: 'json' });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.issues.map((i) => i.path).sort()).toEqual(['sed', 'workers.count']);
      const syntax = await api.validateScenario({ text: 'workers: [', format: 'yaml' });
      expect(syntax.ok === false && syntax.issues[0]!.path).toMatch(/^line \d+$/);
    });

    it('runInstant: runs and stores the run; the summary is the CLI --json object', () => {
      expect(summary).toMatchObject({ scenario: 'contract', mode: 'instant', seed: 5, store: 'full', status: 'completed' });
      expect(summary.jobs.total).toBe(40);
      expect(summary.jobs.dead).toBeGreaterThan(0);
      expect(summary.jobs.succeeded + summary.jobs.dead).toBe(40);
      expect(summary.event_log_sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('runInstant: by built-in key, with the seed overridden; store none keeps only the run row', async () => {
      const s = await api.runInstant({ builtinKey: 'php-mysql-simulator', seed: 11, store: 'none' });
      expect(s).toMatchObject({ scenario: 'PHP + MySQL simulator', seed: 11, store: 'none' });
      const run = await api.getRun({ id: s.run_id });
      expect(run).toMatchObject({ id: s.run_id, mode: 'instant', seed: 11, storeLevel: 'none', status: 'completed' });
      expect(await api.listEvents({ runId: s.run_id })).toEqual([]);
    });

    it('runInstant: an invalid scenario runs nothing and lists every issue', async () => {
      const before = (await api.listRuns()).length;
      const e = await rejection(api.runInstant({ scenario: { workers: { count: 0 }, retry: { maxAttempts: 'x' } } }));
      expect(e.code).toBe('invalid_scenario');
      expect(e.issues?.map((i) => i.path).sort()).toEqual(['retry.maxAttempts', 'workers.count']);
      expect(await api.listRuns()).toHaveLength(before);
      const unknown = await rejection(api.runInstant({ builtinKey: 'no-such-thing' }));
      expect(unknown).toMatchObject({ code: 'bad_params', field: 'builtinKey' });
    });

    it('listRuns and getRun: the run with its summary and the resolved scenario', async () => {
      const runs = await api.listRuns();
      const run = runs.find((r) => r.id === summary.run_id) as RunInfo;
      expect(run).toMatchObject({ scenario: 'contract', mode: 'instant', status: 'completed', seed: 5, storeLevel: 'full', error: null });
      expect(run.num).toBeGreaterThan(0);
      expect(run.summary?.event_log_sha256).toBe(summary.event_log_sha256);
      const detail = await api.getRun({ id: summary.run_id });
      expect(detail.scenarioSpec).toMatchObject({ name: 'contract', retry: { maxAttempts: 1 }, workers: { count: 2 } });
      expect(await rejection(api.getRun({ id: 'nope' }))).toMatchObject({ code: 'not_found', field: 'id' });
    });

    it('getOverloadSeries: none for a run without services; not_found for an unknown run', async () => {
      expect(await api.getOverloadSeries({ runId: summary.run_id })).toEqual([]);
      expect(await rejection(api.getOverloadSeries({ runId: 'nope' }))).toMatchObject({ code: 'not_found', field: 'runId' });
    });

    it('getActiveRun: none without a live run', async () => {
      expect(await api.getActiveRun()).toBeNull();
    });

    it('getJob: by jobs.id or by number in the run, the same row', async () => {
      const bySeq = await api.getJob({ runId: summary.run_id, seq: 1 });
      expect(bySeq).toMatchObject({ seq: 1, queue: 'default', type: 'work', maxAttempts: 1, attempts: 1 });
      expect(['succeeded', 'dead']).toContain(bySeq.state);
      expect(await api.getJob({ runId: summary.run_id, jobId: bySeq.jobId })).toEqual(bySeq);
      expect(await rejection(api.getJob({ runId: summary.run_id, seq: 999 }))).toMatchObject({ code: 'not_found', field: 'seq' });
      expect(await rejection(api.getJob({ runId: 'nope', seq: 1 }))).toMatchObject({ code: 'not_found', field: 'runId' });
    });

    it('listEvents: the whole log in seq order, in pages', async () => {
      const all = await api.listEvents({ runId: summary.run_id, limit: 5000 });
      expect(all).toHaveLength(summary.events);
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
      expect(all.find((e) => e.job === 1)).toMatchObject({ kind: 'enqueued', from: null, to: 'pending', t: 0 });
      const page1 = await api.listEvents({ runId: summary.run_id, limit: 10 });
      const page2 = await api.listEvents({ runId: summary.run_id, afterSeq: 10, limit: 10 });
      expect([...page1, ...page2]).toEqual(all.slice(0, 20));
    });

    it('bad params are refused, naming the field; nothing runs', async () => {
      const cases: [Promise<unknown>, string][] = [
        [api.getRun({ id: 42 } as never), 'id'],
        [api.listEvents({ runId: summary.run_id, limit: 0 }), 'limit'],
        [api.listEvents({ runId: summary.run_id, afterSeq: -1 }), 'afterSeq'],
        [api.getJob({ runId: summary.run_id } as never), 'jobId'],
        [api.runInstant({} as never), 'scenario'],
        [api.retryDead({ runId: summary.run_id, jobId: 1, all: true }), 'jobId'],
        [api.listRuns({ verbose: true } as never), 'verbose'],
      ];
      for (const [call, field] of cases) {
        const e = await rejection(call);
        expect(e.code, field).toBe('bad_params');
        expect(e.field).toBe(field);
        expect(e.message).toContain(field);
      }
    });

    it('dead letters: list, retry one, forget one, retry all; not_dead for a job that is not dead', async () => {
      const runId = summary.run_id;
      const dead = await api.listDead({ runId });
      expect(dead).toHaveLength(summary.jobs.dead);
      expect(dead[0]).toMatchObject({ queue: 'default', type: 'work', attempts: 1, errors: ['boom'] });
      const [first, second] = dead;
      expect(await api.retryDead({ runId, jobId: first!.jobId })).toEqual({ retried: 1 });
      expect(await api.getJob({ runId, jobId: first!.jobId })).toMatchObject({ state: 'pending', attempts: 0, attemptBase: 1 });
      expect(await rejection(api.retryDead({ runId, jobId: first!.jobId }))).toMatchObject({ code: 'not_dead', field: 'jobId' });
      expect(await api.forgetDead({ runId, jobId: second!.jobId })).toEqual({ forgotten: 1 });
      expect(await api.getJob({ runId, jobId: second!.jobId })).toMatchObject({ state: 'cancelled', cancelReason: 'forgotten' });
      expect(await rejection(api.forgetDead({ runId, jobId: second!.jobId }))).toMatchObject({ code: 'not_dead' });
      expect(await api.retryDead({ runId, all: true })).toEqual({ retried: dead.length - 2 });
      expect(await api.listDead({ runId })).toEqual([]);
      // Every action is in the log, after the run's own events, and the log stays in time order.
      const full = await api.listEvents({ runId, limit: 5000 });
      expect(full.slice(summary.events).map((e) => e.kind)).toEqual([
        'retried_from_dead', 'cancelled', ...Array<string>(dead.length - 2).fill('retried_from_dead'),
      ]);
      expect(full.every((e, i) => i === 0 || e.t >= full[i - 1]!.t)).toBe(true);
    });

    it('listAttempts: each try with its worker, times and outcome; the chosen backoff with the policy that produced it', async () => {
      const s = await api.runInstant({ scenario: RETRY_SCENARIO as Record<string, unknown> });
      let found: Awaited<ReturnType<LabApi['listAttempts']>> | undefined;
      for (let seq = 1; seq <= 30 && !found; seq++) {
        const attempts = await api.listAttempts({ runId: s.run_id, seq });
        if (attempts.length >= 3) found = attempts;
      }
      expect(found, 'a job with three attempts').toBeDefined();
      const [first, second, third] = found!;
      expect(found!.map((a) => a.attempt)).toEqual(found!.map((_, i) => i + 1));
      expect(first).toMatchObject({ outcome: 'failed', error: 'flaky', worker: expect.stringMatching(/^w\d$/), lease: null, recovered: false });
      expect(first!.endedAt).toBeCloseTo(first!.startedAt + 1, 9);
      // After failure n the base is 1 s x 2^(n-1); full jitter draws the delay in [0, base].
      expect(first!.backoff).toMatchObject({ base: 1, kind: 'exponential', initial: 1, factor: 2, max: 60, jitter: 'full' });
      expect(second!.backoff).toMatchObject({ base: 2, kind: 'exponential', jitter: 'full' });
      for (const [a, next] of [[first!, second!], [second!, third!]] as const) {
        expect(a.backoff!.delay).toBeGreaterThanOrEqual(0);
        expect(a.backoff!.delay).toBeLessThanOrEqual(a.backoff!.base);
        expect(a.backoff!.formula).toContain('full jitter');
        // The next try starts no earlier than the failure plus the chosen delay.
        expect(next.startedAt).toBeGreaterThanOrEqual(a.endedAt! + a.backoff!.delay - 1e-9);
      }
      const last = found![found!.length - 1]!;
      if (last.outcome === 'succeeded') expect(last.backoff).toBeNull();
      const job = await api.getJob({ runId: s.run_id, seq: 1 });
      expect(await api.listAttempts({ runId: s.run_id, jobId: job.jobId })).toEqual(await api.listAttempts({ runId: s.run_id, seq: 1 }));
      expect(await rejection(api.listAttempts({ runId: s.run_id, seq: 999 }))).toMatchObject({ code: 'not_found', field: 'seq' });
      expect(await rejection(api.listAttempts({ runId: s.run_id } as never))).toMatchObject({ code: 'bad_params', field: 'jobId' });
      expect(await rejection(api.listAttempts({ runId: 'nope', seq: 1 }))).toMatchObject({ code: 'not_found', field: 'runId' });
    });

    it('getTimeline: the snapshot of a timeline built from every stored event; it follows events added later', async () => {
      const s = await api.runInstant({ scenario: { ...CONTRACT_SCENARIO, seed: 7 } as Record<string, unknown> });
      const events = await api.listEvents({ runId: s.run_id, limit: 5000 });
      const expected = new RunTimeline();
      expected.add(events);
      const snapshot = await api.getTimeline({ runId: s.run_id });
      expect(snapshot).toEqual(JSON.parse(JSON.stringify(expected.toSnapshot())));
      const timeline = RunTimeline.fromSnapshot(snapshot);
      expect(timeline.eventCount).toBe(s.events);
      expect(timeline.countsAt(timeline.endTime)).toMatchObject({ succeeded: s.jobs.succeeded, dead: s.jobs.dead });

      const [dead] = await api.listDead({ runId: s.run_id });
      await api.retryDead({ runId: s.run_id, jobId: dead!.jobId });
      const after = RunTimeline.fromSnapshot(await api.getTimeline({ runId: s.run_id }));
      expect(after.eventCount).toBe(s.events + 1);
      expect(after.countsAt(after.endTime)).toMatchObject({ dead: s.jobs.dead - 1, pending: 1 });
      expect(await rejection(api.getTimeline({ runId: 'nope' }))).toMatchObject({ code: 'not_found', field: 'runId' });
    });

    it('subscribeEvents: what is stored, then each new event, in order and without gaps; unsubscribe stops it', async () => {
      const s = await api.runInstant({ scenario: { ...CONTRACT_SCENARIO, seed: 6 } as Record<string, unknown> });
      const got: LabEvent[] = [];
      const batches: EventBatch[] = [];
      const stop = await api.subscribeEvents({ runId: s.run_id, afterSeq: s.events - 3 }, (batch) => {
        batches.push(batch);
        got.push(...batch.events);
      });
      await until(() => got.length === 3, 'the last three stored events');
      expect(got.map((e) => e.seq)).toEqual([s.events - 2, s.events - 1, s.events]);
      expect(batches.every((b) => b.runId === s.run_id)).toBe(true);

      const [dead] = await api.listDead({ runId: s.run_id });
      await api.retryDead({ runId: s.run_id, jobId: dead!.jobId });
      const pushed = await until(() => got.find((e) => e.seq === s.events + 1), 'the retry event');
      expect(pushed).toMatchObject({ kind: 'retried_from_dead', from: 'dead', to: 'pending', job: dead!.seq });

      stop();
      const [next] = await api.listDead({ runId: s.run_id });
      await api.forgetDead({ runId: s.run_id, jobId: next!.jobId });
      await new Promise((r) => setTimeout(r, 200));
      expect(got.map((e) => e.seq)).toEqual([s.events - 2, s.events - 1, s.events, s.events + 1]);

      // From the start: the whole log, exactly once.
      const all: LabEvent[] = [];
      const stopAll = await api.subscribeEvents({ runId: s.run_id }, (batch) => all.push(...batch.events));
      await until(() => all.length === s.events + 2, 'the whole log');
      expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
      stopAll();

      expect(await rejection(api.subscribeEvents({ runId: 'nope' }, () => undefined))).toMatchObject({ code: 'not_found' });
    });

    exportReportCases(() => api, () => summary);
    sweepCases(() => api, CONTRACT_SCENARIO);

    // Last: it starts real worker processes, and the tests above expect no active run.
    it('startLive, chaos on it, stopRun: one active run at a time, stored as interrupted when stopped', { timeout: 40_000 }, async () => {
      expect(await rejection(api.startLive({ builtinKey: 'no-such-thing' }))).toMatchObject({ code: 'bad_params', field: 'builtinKey' });
      expect(await rejection(api.startLive({ scenario: { workers: { count: 0 } } }))).toMatchObject({ code: 'invalid_scenario' });
      expect(await rejection(api.startLive({ scenario: {}, timeScale: 0 }))).toMatchObject({ code: 'bad_params', field: 'timeScale' });
      expect(await rejection(api.chaos({ action: 'add_worker' }))).toMatchObject({ code: 'no_active_run' });

      const { runId } = await api.startLive({ scenario: LIVE_CONTRACT_SCENARIO as Record<string, unknown>, timeScale: 0.01 });
      try {
        expect(await api.getActiveRun()).toEqual({ runId });
        expect(await api.getRun({ id: runId })).toMatchObject({ mode: 'live', status: 'running', scenario: 'contract live' });
        expect(await rejection(api.startLive({ builtinKey: 'mm3-baseline' }))).toMatchObject({ code: 'run_active' });
        expect(await rejection(api.chaos({ action: 'outage', type: 'nope', seconds: 5 }))).toMatchObject({ code: 'bad_params', field: 'type' });
        expect(await rejection(api.chaos({ action: 'remove_worker', worker: 9 }))).toMatchObject({ code: 'bad_params', field: 'worker' });
        expect(await api.chaos({ action: 'add_worker' })).toMatchObject({ ok: true, detail: expect.stringContaining('w2 added') });
        expect(await api.chaos({ action: 'outage', type: 'work', seconds: 5 })).toMatchObject({ ok: true });
        expect(await api.chaos({ action: 'poison' })).toMatchObject({ ok: true, detail: expect.stringContaining('poison job') });
        expect(await rejection(api.stopRun({ runId, how: 'nicely' } as never))).toMatchObject({ code: 'bad_params', field: 'how' });
      } finally {
        expect(await api.stopRun({ runId, how: 'kill' })).toEqual({ stopped: true });
      }
      expect(await api.getActiveRun()).toBeNull();
      expect(await api.getRun({ id: runId })).toMatchObject({ status: 'interrupted', error: 'stopped by the user' });
      expect(await api.stopRun({ runId })).toEqual({ stopped: false });
      expect(await rejection(api.stopRun({ runId: 'nope' }))).toMatchObject({ code: 'not_found', field: 'runId' });
      const events = await api.listEvents({ runId, limit: 5000 });
      const faults = events.filter((e) => e.kind === 'fault_started').map((e) => e.detail);
      expect(faults).toEqual(['add worker w2 (chaos)', 'outage work for 5 s (chaos)', expect.stringMatching(/^poison job #\d+ \(work\) \(chaos\)$/)]);
      expect(events.filter((e) => e.kind === 'worker_started').map((e) => e.worker).sort()).toEqual(['w1', 'w2']);
    });
  });
}
