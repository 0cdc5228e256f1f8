// Lessons of the load and workflow failure modes, each checked on the real
// instant-mode outcome and against a contrasting twin.
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { builtin, peak, runBuiltin, runScenario, waitingAt, type LibraryRun } from './library-run.ts';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const lastEnqueue = (run: LibraryRun) => Math.max(...run.events.filter((e) => e.kind === 'enqueued').map((e) => e.t));

/** Mean wait (enqueue to first claim) of the jobs of one queue. */
function meanWait(run: LibraryRun, queue: string): number {
  return mean(run.jobs.filter((j) => j.job.queue === queue).map((j) => j.job.firstClaimedAt! - j.job.enqueuedAt));
}

describe('overload', () => {
  const backlogAtEndOfArrivals = (run: LibraryRun) => waitingAt(run.events, lastEnqueue(run));

  it('the backlog rises for as long as arrivals last', () => {
    const run = runBuiltin('overload');
    const end = lastEnqueue(run);
    const samples = [0.25, 0.5, 0.75, 1].map((f) => waitingAt(run.events, f * end));
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThan(samples[i - 1]!);
    // lambda - c x mu = 1 job/s: about one more waiting job per second of arrivals.
    expect(samples[3]! / end).toBeGreaterThan(0.6);
    expect(samples[3]! / end).toBeLessThan(1.4);
  });

  it('twice the jobs, about twice the backlog: it grows without bound', () => {
    const { scenario } = builtin('overload');
    const once = backlogAtEndOfArrivals(runBuiltin('overload'));
    const twice = backlogAtEndOfArrivals(runScenario({ ...scenario, producers: [{ ...scenario.producers![0]!, count: 6000 }] }));
    expect(twice / once).toBeGreaterThan(1.6);
    expect(twice / once).toBeLessThan(2.4);
  });

  it('twin with capacity above the arrival rate: the backlog stays small', () => {
    const { scenario } = builtin('overload');
    const twin = runScenario({ ...scenario, workers: { count: 7 } });
    expect(backlogAtEndOfArrivals(twin)).toBeLessThan(30);
  });
});

describe('priority-starvation', () => {
  it('low-queue jobs wait far longer than high-queue jobs', () => {
    const run = runBuiltin('priority-starvation');
    expect(meanWait(run, 'low')).toBeGreaterThan(10 * meanWait(run, 'high'));
    expect(meanWait(run, 'low')).toBeGreaterThan(60);
  });

  it('twin with equal priorities: the waits are alike', () => {
    const { scenario } = builtin('priority-starvation');
    const twin = runScenario({ ...scenario, queues: [{ name: 'high', priority: 10 }, { name: 'low', priority: 10 }] });
    const ratio = meanWait(twin, 'low') / meanWait(twin, 'high');
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('rate-limited-downstream', () => {
  const LIMIT = 5;
  const is429 = (error: string | null) => /429/.test(error ?? '');

  it('refuses calls above the limit with 429 and caps throughput near it', () => {
    const run = runBuiltin('rate-limited-downstream');
    const rejected = run.jobs.flatMap((j) => j.attempts).filter((a) => is429(a.error));
    expect(rejected.length).toBeGreaterThan(100);
    expect(run.summary.attempts.by_outcome.failed).toBe(rejected.length);
    // The partner counts calls per second as they come in: at most LIMIT calls started in any second get through.
    const through = new Map<number, number>();
    for (const a of run.jobs.flatMap((j) => j.attempts)) {
      if (a.outcome === 'succeeded') through.set(Math.floor(a.startedAt), (through.get(Math.floor(a.startedAt)) ?? 0) + 1);
    }
    expect(peak(through)).toBe(LIMIT);
    expect(run.summary.throughput_per_s).toBeGreaterThan(0.8 * LIMIT);
    expect(run.summary.throughput_per_s).toBeLessThanOrEqual(LIMIT);
  });

  it('twin throttled at the queue instead: no 429, no dead job, the same cap', () => {
    const { scenario } = builtin('rate-limited-downstream');
    const twin = runScenario({ ...scenario, queues: [{ name: 'default', rateLimit: { max: LIMIT, per: 1 } }], faults: [] });
    expect(twin.jobs.flatMap((j) => j.attempts).filter((a) => is429(a.error))).toEqual([]);
    expect(twin.summary.jobs.dead).toBe(0);
    expect(twin.summary.throughput_per_s).toBeLessThanOrEqual(LIMIT * 1.05);
  });
});

describe('chain-parent-dies', () => {
  it('cancels the children of every dead parent, with a reason naming the parent', () => {
    const run = runBuiltin('chain-parent-dies');
    const bySeq = new Map(run.jobs.map((j) => [j.job.seq, j.job]));
    const cancelled = run.jobs.filter((j) => j.job.state === 'cancelled').map((j) => j.job);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled).toHaveLength(2 * run.summary.jobs.dead);
    for (const c of cancelled) {
      const m = /^parent job (\d+) (died|was cancelled)$/.exec(c.cancelReason ?? '');
      expect(m, `job ${c.seq}: ${c.cancelReason}`).not.toBeNull();
      expect(Number(m![1])).toBe(c.parentSeq);
      expect(bySeq.get(c.parentSeq!)!.state).toBe(m![2] === 'died' ? 'dead' : 'cancelled');
      expect(c.attempts).toBe(0); // a child of a failed parent never ran
    }
  });

  it('twin whose parents never fail: no cancellation, and every child starts after its parent succeeded', () => {
    const { scenario } = builtin('chain-parent-dies');
    const twin = runScenario({ ...scenario, jobTypes: { ...scenario.jobTypes, charge_card: { ...scenario.jobTypes!['charge_card']!, failureRate: 0 } } });
    expect(twin.summary.jobs.cancelled).toBe(0);
    const bySeq = new Map(twin.jobs.map((j) => [j.job.seq, j.job]));
    for (const { job } of twin.jobs) {
      if (job.parentSeq === null) continue;
      expect(job.firstClaimedAt!).toBeGreaterThanOrEqual(bySeq.get(job.parentSeq)!.finishedAt!);
    }
  });
});

describe('batch-partial-failure', () => {
  /** Batch outcome per job type of its members. */
  function outcomesByType(run: LibraryRun): Map<string, string[]> {
    const typeOf = new Map<number, string>();
    for (const { job } of run.jobs) if (job.batch !== null) typeOf.set(job.batch, job.type);
    const out = new Map<string, string[]>();
    for (const b of run.batches) {
      const type = typeOf.get(b.index)!;
      out.set(type, [...(out.get(type) ?? []), b.outcome ?? 'none']);
    }
    return out;
  }

  it('a batch holding a dead job ends in catch, the healthy batches in then', () => {
    const run = runBuiltin('batch-partial-failure');
    expect(run.events.filter((e) => e.kind === 'batch_catch').length).toBeGreaterThan(0);
    expect(run.events.filter((e) => e.kind === 'batch_then').length).toBeGreaterThan(0);
    const byType = outcomesByType(run);
    expect(byType.get('import_invoice')).toContain('catch');
    expect(byType.get('resize_image')).toEqual(['then', 'then', 'then', 'then']);
    for (const b of run.batches) {
      expect(b.outcome).toBe(b.dead > 0 ? 'catch' : 'then');
      expect(b.succeeded + b.dead).toBe(b.size); // the other jobs of a failing batch still ran
    }
  });

  it('twin without poison rows: every batch ends in then', () => {
    const { scenario } = builtin('batch-partial-failure');
    const twin = runScenario({ ...scenario, faults: [] });
    expect(twin.batches.map((b) => b.outcome)).toEqual(Array(8).fill('then'));
  });
});

describe('idempotency-keys', () => {
  const requests = (s: ScenarioInput) => s.producers![0]!.count!;

  it('answers re-sends with the existing job: one job per distinct key, nothing done twice', () => {
    const { scenario } = builtin('idempotency-keys');
    const run = runBuiltin('idempotency-keys');
    const s = run.summary;
    expect(s.jobs.deduplicated).toBeGreaterThan(0);
    expect(run.events.filter((e) => e.kind === 'deduplicated')).toHaveLength(s.jobs.deduplicated);
    expect(s.jobs.total + s.jobs.deduplicated).toBe(requests(scenario));
    const keys = new Set(run.jobs.map((j) => j.job.idempotencyKey));
    expect(keys.has(null)).toBe(false);
    expect(keys.size).toBe(s.jobs.total);
    expect(s.duplicates).toBe(0);
  });

  it('twin with no re-sends: every request is a job', () => {
    const { scenario } = builtin('idempotency-keys');
    const twin = runScenario({ ...scenario, producers: [{ ...scenario.producers![0]!, duplicateRate: 0 }] });
    expect(twin.summary.jobs.deduplicated).toBe(0);
    expect(twin.summary.jobs.total).toBe(requests(scenario));
  });
});
