// Each seed system's preset reproduces that system's semantics (shared/seeds),
// checked on its real instant-mode outcome.
import { describe, expect, it } from 'vitest';
import { builtin, runBuiltin, runScenario, waitingAt, type LibraryRun } from './library-run.ts';

const attemptsOf = (run: LibraryRun) => run.jobs.flatMap((j) => j.attempts);
const deadJobs = (run: LibraryRun) => run.jobs.filter((j) => j.job.state === 'dead');
const meanWaitOfType = (run: LibraryRun, type: string) => {
  const waits = run.jobs.filter((j) => j.job.type === type).map((j) => j.job.firstClaimedAt! - j.job.enqueuedAt);
  return waits.reduce((a, b) => a + b, 0) / waits.length;
};

describe('mm3-baseline', () => {
  it('matches Erlang C and Little\'s law', () => {
    const s = runBuiltin('mm3-baseline').summary;
    expect(s.theory).toBeDefined();
    expect(Math.abs(s.latency_s.wait_mean - s.theory!.wait_mean) / s.theory!.wait_mean).toBeLessThan(0.15);
    expect(Math.abs(s.littles_law.L - s.littles_law.lambda_W) / s.littles_law.L).toBeLessThan(0.05);
  });
});

describe('seed 1: php-mysql-simulator', () => {
  it('never recovers the killed worker\'s job: it stays processing and is lost', () => {
    const run = runBuiltin('php-mysql-simulator');
    expect(run.events.find((e) => e.kind === 'worker_crashed')?.detail).toMatch(/mid-job/);
    expect(run.summary.lost).toBe(1);
    expect(run.summary.jobs.processing).toBe(1);
    expect(run.events.some((e) => e.kind === 'recovered')).toBe(false);
    // worker.php is started by hand: nothing restarts it.
    expect(run.events.filter((e) => e.kind === 'worker_started' && e.t > 0)).toEqual([]);
  });

  it('retries at once (status back to pending) and moves a job to dead_jobs after max_attempts 3', () => {
    const run = runBuiltin('php-mysql-simulator');
    const retried = attemptsOf(run).filter((a) => a.backoffDelay !== null);
    expect(retried.length).toBeGreaterThan(0);
    for (const a of retried) expect(a.backoffDelay).toBe(0);
    expect(deadJobs(run).length).toBeGreaterThan(0);
    for (const j of deadJobs(run)) expect(j.dead!.errors).toHaveLength(3);
    expect(run.summary.duplicates).toBe(0); // the claim holds a row lock
  });

  it('twin with a visibility timeout: the same crash loses nothing', () => {
    const { scenario } = builtin('php-mysql-simulator');
    const twin = runScenario({ ...scenario, faults: (scenario.faults ?? []).filter((f) => f.kind !== 'noVisibilityTimeout') });
    expect(twin.summary.lost).toBe(0);
  });
});

describe('seed 2: laravel-notification-worker', () => {
  it('waits 2^n + jitter (at most another 2^n) after failure n, for at most 5 attempts', () => {
    const run = runBuiltin('laravel-notification-worker');
    const retried = attemptsOf(run).filter((a) => a.backoffDelay !== null);
    const seen = new Set<number>();
    for (const a of retried) {
      expect(a.backoffDelay!).toBeGreaterThanOrEqual(2 ** a.attempt);
      expect(a.backoffDelay!).toBeLessThanOrEqual(2 ** (a.attempt + 1));
      seen.add(a.attempt);
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
    // Jitter: not every first retry waits the same.
    expect(new Set(retried.filter((a) => a.attempt === 1).map((a) => a.backoffDelay)).size).toBeGreaterThan(10);
    expect(deadJobs(run).length).toBeGreaterThan(0);
    for (const j of deadJobs(run)) expect(j.job.attempts).toBe(5);
  });

  it('recovers the crashed worker\'s job 60 s after its claim (no heartbeat), and deduplicates re-sent POSTs', () => {
    const run = runBuiltin('laravel-notification-worker');
    const recovered = run.events.filter((e) => e.kind === 'recovered');
    expect(recovered).toHaveLength(1);
    const job = run.jobs.find((j) => j.job.seq === recovered[0]!.job)!;
    expect(job.attempts[0]!.outcome).toBe('crashed');
    expect(recovered[0]!.t).toBeCloseTo(job.attempts[0]!.startedAt + 60, 9);
    expect(run.summary.lost).toBe(0);
    expect(run.summary.jobs.deduplicated).toBeGreaterThan(0);
  });
});

describe('seed 3: laravel-database-queue', () => {
  it('counts a timeout as a failed try and sends a job to failed_jobs after 3 tries, retrying with no backoff', () => {
    const run = runBuiltin('laravel-database-queue');
    expect(run.summary.attempts.by_outcome.timeout).toBeGreaterThan(0);
    for (const a of attemptsOf(run).filter((x) => x.outcome === 'timeout')) expect(a.endedAt! - a.startedAt).toBeCloseTo(30, 9);
    expect(deadJobs(run).length).toBeGreaterThan(0);
    for (const j of deadJobs(run)) expect(j.dead!.errors).toHaveLength(3);
    for (const a of attemptsOf(run).filter((x) => x.backoffDelay !== null)) expect(a.backoffDelay).toBe(0);
  });

  it('reserves a killed worker\'s job again retry_after (90 s) after its first reservation', () => {
    const run = runBuiltin('laravel-database-queue');
    const recovered = run.events.filter((e) => e.kind === 'recovered');
    expect(recovered).toHaveLength(1);
    const job = run.jobs.find((j) => j.job.seq === recovered[0]!.job)!;
    expect(recovered[0]!.t).toBeCloseTo(job.attempts[0]!.startedAt + 90, 9);
    expect(run.events.filter((e) => e.kind === 'worker_started' && e.t > 0)).toHaveLength(1); // supervisor autorestart
  });

  it('ends report batches with then, or catch when a report died', () => {
    const run = runBuiltin('laravel-database-queue');
    const outcomes = run.batches.map((b) => b.outcome);
    expect(outcomes).toContain('then');
    expect(outcomes).toContain('catch');
    for (const b of run.batches) expect(b.outcome).toBe(b.dead > 0 ? 'catch' : 'then');
  });
});

describe('seed 4: job-queue-spec', () => {
  it('serves queues by priority: notifications wait least, reports most', () => {
    const run = runBuiltin('job-queue-spec');
    expect(meanWaitOfType(run, 'notification')).toBeLessThan(meanWaitOfType(run, 'report_generation'));
    expect(run.summary.jobs.succeeded + run.summary.jobs.dead).toBe(run.summary.jobs.total);
  });

  it('holds emails to 20 a minute at the queue', () => {
    const run = runBuiltin('job-queue-spec');
    const emailStarts = run.jobs.filter((j) => j.job.type === 'email').flatMap((j) => j.attempts.map((a) => a.startedAt)).sort((a, b) => a - b);
    expect(emailStarts.length).toBeGreaterThanOrEqual(200);
    const span = emailStarts[emailStarts.length - 1]! - emailStarts[0]!;
    // A full bucket (20) plus one token every 3 s.
    expect(emailStarts.length).toBeLessThanOrEqual(20 + span / 3 + 1);
    expect(meanWaitOfType(run, 'email')).toBeGreaterThan(meanWaitOfType(run, 'notification') * 10);
  });

  it('runs delayed images no earlier than 60 s, each export after its report, and reports image batches', () => {
    const run = runBuiltin('job-queue-spec');
    const bySeq = new Map(run.jobs.map((j) => [j.job.seq, j.job]));
    for (const { job } of run.jobs.filter((j) => j.job.type === 'image_processing')) expect(job.firstClaimedAt! - job.enqueuedAt).toBeGreaterThanOrEqual(60);
    const exports = run.jobs.filter((j) => j.job.type === 'data_export');
    expect(exports).toHaveLength(20);
    for (const { job } of exports) expect(job.firstClaimedAt!).toBeGreaterThanOrEqual(bySeq.get(job.parentSeq!)!.finishedAt!);
    expect(run.batches).toHaveLength(6);
    expect(run.events.filter((e) => e.kind === 'batch_then' || e.kind === 'batch_catch')).toHaveLength(6);
  });

  it('retries after 60 s then 120 s, gives emails 5 attempts and the rest 3', () => {
    const run = runBuiltin('job-queue-spec');
    for (const a of attemptsOf(run).filter((x) => x.backoffDelay !== null)) expect(a.backoffDelay).toBe(60 * 2 ** (a.attempt - 1));
    for (const { job } of run.jobs) expect(job.maxAttempts).toBe(job.type === 'email' ? 5 : 3);
  });
});

describe('seed 5: go-worker-pool', () => {
  it('retries 3 times after 1, 2 and 4 s exactly, then fails for good', () => {
    const run = runBuiltin('go-worker-pool');
    const retried = attemptsOf(run).filter((a) => a.backoffDelay !== null);
    expect(new Set(retried.map((a) => a.backoffDelay))).toEqual(new Set([1, 2, 4]));
    for (const a of retried) expect(a.backoffDelay).toBe(2 ** (a.attempt - 1));
    expect(deadJobs(run).length).toBeGreaterThan(0);
    for (const j of deadJobs(run)) expect(j.job.attempts).toBe(4);
  });

  it('uses 3 workers and never holds more than the channel\'s 100 jobs', () => {
    const run = runBuiltin('go-worker-pool');
    expect(new Set(attemptsOf(run).map((a) => a.worker))).toEqual(new Set(['w1', 'w2', 'w3']));
    let most = 0;
    for (const e of run.events) if (e.kind === 'enqueued') most = Math.max(most, waitingAt(run.events, e.t));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(100);
  });
});
