// The simulator against queueing theory: Erlang C for M/M/c waits, Little's
// law, and the closed forms for independent retries. Tolerances come from the
// sampling error of the estimate, not from what one run happened to give.
import { describe, expect, it } from 'vitest';
import { runInstant } from '../../../../src/main/engine/run-instant.ts';
import { mmcMeanWait } from '../../../../src/shared/theory/erlang-c.ts';
import { deadFraction, meanAttempts } from '../../../../src/shared/theory/retry-math.ts';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import { scenario } from './run-helpers.ts';

function mmc(c: number, lambda: number, count: number, seed: number): RunSummary {
  return runInstant(
    scenario({
      name: `M/M/${c}`,
      seed,
      jobTypes: { work: { duration: { kind: 'exponential', mean: 1 }, timeout: 1e6 } },
      producers: [{ count, arrival: { kind: 'poisson', rate: lambda } }],
      workers: { count: c },
    }),
    { store: 'none' },
  );
}

describe('M/M/c against Erlang C', () => {
  // Mean wait at rho = 0.8 is strongly autocorrelated: measured over 24 seeds
  // (and with an independent reference simulation), the relative standard
  // deviation of the mean wait of a 100k-job run is about 4 %, i.e. about
  // 2 % for 400k jobs. Six seeds of 200k jobs (1.2M jobs) give about
  // 1.2 %, so 5 % is about 4 sigma.
  const SEEDS = [11, 12, 13, 14, 15, 16];
  const JOBS = 200_000;

  for (const [c, lambda] of [
    [3, 2.4],
    [4, 3.2],
  ] as const) {
    it(`c=${c}, lambda=${lambda}, mu=1 (rho 0.8): mean wait within 5 % of Erlang C; Little's law holds`, () => {
      const theory = mmcMeanWait(c, lambda, 1);
      let waitSum = 0;
      let jobs = 0;
      for (const seed of SEEDS) {
        const s = mmc(c, lambda, JOBS, seed);
        expect(s.jobs.total).toBe(JOBS);
        expect(s.jobs.succeeded).toBe(JOBS);
        // Weighted by jobs (all runs have the same count, but say what we mean).
        waitSum += s.latency_s.wait_mean * s.jobs.total;
        jobs += s.jobs.total;
        // The summary carries the same prediction.
        expect(s.theory?.model).toBe(`M/M/${c}`);
        expect(s.theory?.rho).toBeCloseTo(0.8, 12);
        expect(s.theory?.wait_mean).toBeCloseTo(theory, 12);
        // Little's law: L (time average in system) = lambda x W.
        const ll = s.littles_law;
        expect(Math.abs(ll.L - ll.lambda_W) / ll.lambda_W).toBeLessThan(0.01);
        // The measured arrival rate is the configured one (sd of n/T is lambda/sqrt(n) = 0.2 %).
        expect(Math.abs(ll.lambda - lambda) / lambda).toBeLessThan(0.01);
        // W is service (mean 1) plus wait.
        expect(ll.W).toBeCloseTo(s.latency_s.total_mean, 12);
        // Busy servers on average: lambda / mu = c rho; equivalently L - Lq = lambda x 1.
        expect(Math.abs(ll.L - lambda * s.latency_s.wait_mean - lambda) / lambda).toBeLessThan(0.03);
      }
      const measured = waitSum / jobs;
      expect(Math.abs(measured - theory) / theory, `measured ${measured}, Erlang C ${theory}`).toBeLessThan(0.05);
    });
  }

  it("Little's law is exact for a run that starts and ends empty, whatever the model", () => {
    const s = runInstant(
      scenario({
        seed: 5,
        jobTypes: { work: { duration: { kind: 'lognormal', mean: 0.8, sd: 1.5 }, failureRate: 0.2 } },
        producers: [{ count: 20_000, arrival: { kind: 'burst', size: 50, every: 30 } }],
        workers: { count: 2, concurrency: 2 },
        retry: { maxAttempts: 3, backoff: { kind: 'linear', initial: 2, max: 30 }, jitter: 'equal' },
      }),
      { store: 'none' },
    );
    const ll = s.littles_law;
    expect(ll.L).toBeGreaterThan(1);
    expect(Math.abs(ll.L - ll.lambda_W) / ll.lambda_W).toBeLessThan(1e-6);
  });
});

/** Exact mean and variance of attempts per job with failure probability p and at most k attempts. */
function attemptMoments(p: number, k: number): { mean: number; variance: number; meanIfSucceeded: number } {
  let m1 = 0;
  let m2 = 0;
  let succ = 0;
  for (let i = 1; i <= k; i++) {
    const prob = i < k ? p ** (i - 1) * (1 - p) : p ** (k - 1);
    m1 += i * prob;
    m2 += i * i * prob;
    succ += i * p ** (i - 1) * (1 - p);
  }
  return { mean: m1, variance: m2 - m1 * m1, meanIfSucceeded: succ / (1 - p ** k) };
}

describe('retries against closed forms (independent failures)', () => {
  const N = 40_000;
  for (const [p, k] of [
    [0.5, 3],
    [0.3, 5],
    [0.9, 2],
  ] as const) {
    it(`p=${p}, k=${k}: dead fraction p^k and attempts per job (1-p^k)/(1-p) within 4 sigma`, () => {
      const s = runInstant(
        scenario({
          seed: 77 + k,
          jobTypes: { work: { duration: { kind: 'constant', value: 0.01 }, failureRate: p } },
          producers: [{ count: N, arrival: { kind: 'constant', rate: 50 } }],
          workers: { count: 2 },
          retry: { maxAttempts: k, backoff: { kind: 'fixed', initial: 0.1 }, jitter: 'none' },
        }),
        { store: 'none' },
      );
      expect(s.jobs.total).toBe(N);
      expect(s.jobs.succeeded + s.jobs.dead).toBe(N);
      expect(s.lost).toBe(0);

      const d = deadFraction(p, k);
      expect(d).toBeCloseTo(p ** k, 15);
      const deadSd = Math.sqrt((d * (1 - d)) / N);
      const deadMeasured = s.jobs.dead / N;
      expect(Math.abs(deadMeasured - d), `dead ${deadMeasured} vs ${d} (sd ${deadSd})`).toBeLessThan(4 * deadSd);

      const m = attemptMoments(p, k);
      expect(meanAttempts(p, k)).toBeCloseTo(m.mean, 12);
      const perJob = s.attempts.total / N;
      const perJobSd = Math.sqrt(m.variance / N);
      expect(Math.abs(perJob - m.mean), `attempts/job ${perJob} vs ${m.mean} (sd ${perJobSd})`).toBeLessThan(4 * perJobSd);
      expect(s.attempts.retries).toBe(s.attempts.total - N);

      expect(s.attempts.by_outcome.succeeded).toBe(s.jobs.succeeded);
      expect(s.attempts.by_outcome.failed + s.attempts.by_outcome.succeeded).toBe(s.attempts.total);

      // Attempts of a job that succeeded: a geometric truncated at k, conditioned on success.
      // Its variance is below k^2/4 (values in [1, k]), a safe bound for the tolerance.
      const succSd = Math.sqrt((k * k) / 4 / s.jobs.succeeded);
      expect(Math.abs(s.attempts.mean_per_succeeded - m.meanIfSucceeded)).toBeLessThan(4 * succSd);
      expect(s.stats.avg_attempts_success).toBe(s.attempts.mean_per_succeeded);
    });
  }
});
