// Lessons of the retry and worker failure modes, each checked on the real
// instant-mode outcome and against a contrasting twin, so that a lesson that
// stops holding (or holds for any scenario) fails here.
import { describe, expect, it } from 'vitest';
import { builtin, peak, perSecond, runBuiltin, runScenario } from './library-run.ts';

describe('poison-message', () => {
  it('sends exactly the poison jobs to the dead-letter table, each after all 5 attempts with every error kept', () => {
    const run = runBuiltin('poison-message');
    const dead = run.jobs.filter((j) => j.job.state === 'dead');
    expect(dead.length).toBeGreaterThan(10);
    expect(run.summary.jobs.dead).toBe(dead.length);
    expect(run.summary.jobs.succeeded + dead.length).toBe(run.summary.jobs.total);
    for (const j of dead) {
      expect(j.job.attempts).toBe(5);
      expect(j.dead!.errors).toHaveLength(5);
      for (const e of j.dead!.errors) expect(e).toMatch(/poison/);
    }
    // No job that succeeded ever met the poison error.
    for (const j of run.jobs.filter((x) => x.job.state === 'succeeded')) for (const a of j.attempts) expect(a.error ?? '').not.toMatch(/poison/);
  });

  it('twin without the poison fault: nothing dies', () => {
    const { scenario } = builtin('poison-message');
    expect(runScenario({ ...scenario, faults: [] }).summary.jobs.dead).toBe(0);
  });
});

describe('worker-crash-recovery', () => {
  it('recovers every crashed job when its lease expires: recovered events, crashed attempts, nothing lost', () => {
    const run = runBuiltin('worker-crash-recovery');
    const s = run.summary;
    expect(s.attempts.by_outcome.crashed).toBeGreaterThan(0);
    expect(run.events.filter((e) => e.kind === 'recovered')).toHaveLength(s.attempts.by_outcome.crashed);
    expect(s.lost).toBe(0);
    expect(s.jobs.succeeded).toBe(s.jobs.total);
  });

  it('twin without a visibility timeout: the same crashes lose jobs', () => {
    const { scenario } = builtin('worker-crash-recovery');
    const twin = runScenario({ ...scenario, faults: [...(scenario.faults ?? []), { kind: 'noVisibilityTimeout' }] });
    expect(twin.summary.lost).toBeGreaterThan(0);
    expect(twin.events.some((e) => e.kind === 'recovered')).toBe(false);
  });
});

describe('retry storm: no jitter vs full jitter (same seed)', () => {
  const OUTAGE_END = 40;
  const retryArrivals = (key: string, from = 0) =>
    perSecond(runBuiltin(key).events.filter((e) => e.kind === 'due' && e.from === 'retrying'), 'due', from);

  it('the twins differ only in jitter', () => {
    const none = builtin('retry-storm-no-jitter').scenario;
    const full = builtin('retry-storm-full-jitter').scenario;
    expect({ ...full, name: none.name, retry: { ...full.retry, jitter: 'none' } }).toEqual(none);
  });

  it('without jitter, retry arrivals per second peak higher than with full jitter', () => {
    const none = peak(retryArrivals('retry-storm-no-jitter'));
    const full = peak(retryArrivals('retry-storm-full-jitter'));
    expect(none).toBe(400); // a whole burst in one second
    expect(none).toBeGreaterThan(full);
  });

  it('after the outage ends the recovering service gets a wall without jitter and a trickle with it', () => {
    const none = peak(retryArrivals('retry-storm-no-jitter', OUTAGE_END));
    const full = peak(retryArrivals('retry-storm-full-jitter', OUTAGE_END));
    expect(none).toBeGreaterThanOrEqual(3 * full);
  });

  it('without jitter every retry waits one of the 5 backoff steps; full jitter spreads them', () => {
    const delays = (key: string) => new Set(runBuiltin(key).jobs.flatMap((j) => j.attempts.map((a) => a.backoffDelay).filter((d) => d !== null)));
    expect([...delays('retry-storm-no-jitter')].sort((a, b) => a! - b!)).toEqual([2, 4, 8, 16, 32]);
    expect(delays('retry-storm-full-jitter').size).toBeGreaterThan(100);
    for (const run of [runBuiltin('retry-storm-no-jitter'), runBuiltin('retry-storm-full-jitter')]) expect(run.summary.jobs.succeeded).toBe(1200);
  });
});

describe('double-processing-unsafe-claim', () => {
  it('shows jobs completed twice, each with a completed_again event', () => {
    const run = runBuiltin('double-processing-unsafe-claim');
    expect(run.summary.duplicates).toBeGreaterThan(0);
    const again = new Set(run.events.filter((e) => e.kind === 'completed_again').map((e) => e.job));
    expect(again.size).toBe(run.summary.duplicates);
  });

  it('safe twin (the atomic claim): no duplicates', () => {
    const { scenario } = builtin('double-processing-unsafe-claim');
    const twin = runScenario({ ...scenario, faults: [] });
    expect(twin.summary.duplicates).toBe(0);
    expect(twin.events.some((e) => e.kind === 'completed_again')).toBe(false);
  });
});

describe('stuck-jobs-no-visibility-timeout', () => {
  it('leaves the hung and the killed worker\'s jobs processing forever: lost 2', () => {
    const run = runBuiltin('stuck-jobs-no-visibility-timeout');
    expect(run.events.find((e) => e.kind === 'worker_crashed')?.detail).toMatch(/mid-job/);
    expect(run.summary.lost).toBe(2);
    expect(run.summary.jobs.processing).toBe(2);
    expect(run.events.some((e) => e.kind === 'recovered')).toBe(false);
  });

  it('twin with a lease: both jobs are recovered and none is lost', () => {
    const { scenario } = builtin('stuck-jobs-no-visibility-timeout');
    const twin = runScenario({ ...scenario, faults: (scenario.faults ?? []).filter((f) => f.kind !== 'noVisibilityTimeout') });
    expect(twin.summary.lost).toBe(0);
    expect(twin.events.filter((e) => e.kind === 'recovered')).toHaveLength(2);
    expect(twin.summary.jobs.succeeded).toBe(twin.summary.jobs.total);
  });
});

describe('graceful shutdown vs kill -9', () => {
  it('graceful: workers stop between jobs, so no attempt is interrupted and no job waits for a lease', () => {
    const run = runBuiltin('shutdown-graceful');
    expect(run.events.filter((e) => e.kind === 'worker_recycled').length).toBeGreaterThan(0);
    expect(run.summary.attempts.by_outcome.crashed).toBe(0);
    expect(run.events.some((e) => e.kind === 'recovered')).toBe(false);
    for (const j of run.jobs) expect(j.job.attempts).toBe(1);
    expect(run.summary.jobs.succeeded).toBe(run.summary.jobs.total);
  });

  it('kill -9: the job in hand is interrupted and waits for its 60 s lease before it runs again', () => {
    const run = runBuiltin('shutdown-kill-9');
    const crash = run.events.find((e) => e.kind === 'worker_crashed')!;
    expect(crash.t).toBe(60);
    expect(crash.detail).toMatch(/mid-job/);
    const recovered = run.events.filter((e) => e.kind === 'recovered');
    expect(recovered).toHaveLength(1);
    // The lease runs from the last heartbeat (every 5 s) before the kill.
    expect(recovered[0]!.t - crash.t).toBeGreaterThan(55);
    expect(recovered[0]!.t - crash.t).toBeLessThanOrEqual(60);
    const victim = run.jobs.find((j) => j.job.seq === recovered[0]!.job)!;
    expect(victim.attempts.map((a) => a.outcome)).toEqual(['crashed', 'succeeded']);
    expect(victim.job.finishedAt! - victim.job.enqueuedAt).toBeGreaterThan(60);
    expect(run.summary.lost).toBe(0);
  });

  it('the pair shares everything but how worker 1 stops', () => {
    const graceful = builtin('shutdown-graceful').scenario;
    const kill = builtin('shutdown-kill-9').scenario;
    const { maxJobs: _maxJobs, ...gracefulWorkers } = graceful.workers ?? {};
    expect({ ...kill, name: graceful.name, faults: undefined, workers: kill.workers }).toEqual({ ...graceful, faults: undefined, workers: gracefulWorkers });
  });
});
