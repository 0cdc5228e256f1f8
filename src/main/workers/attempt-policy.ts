// What one live attempt does and what happens after it fails: the same draws
// and the same retry formulas as instant mode (attempt-draw.ts, backoff.ts),
// so which attempts fail is reproducible from the seed whichever worker runs
// them and whenever. Only timing differs between the modes.
import { faultsForJobType, drawAttempt, type AttemptFate, type JobTypeFaults } from '../../shared/sim/attempt-draw.ts';
import { isPoisonPill, POISON_PILL_ERROR } from '../../shared/live/poison-pill.ts';
import { hashUniform, STREAM } from '../../shared/random/hash-uniform.ts';
import { resolveRetryPolicy, retryDelay } from '../../shared/retry/backoff.ts';
import type { JobTypeSpec, RetryPolicy, Scenario } from '../../shared/scenario/schema.ts';
import type { DB } from '../engine/store/open-database.ts';
import type { ClaimedJob, RetryDecision } from '../engine/store/types.ts';
import { DownstreamLimits } from './downstream-limit.ts';

interface TypePlan {
  spec: JobTypeSpec;
  faults: JobTypeFaults;
  retry: RetryPolicy;
}

export interface PlannedAttempt extends AttemptFate {
  /** False for a job type the scenario does not know: it fails once and goes to the dead-letter table. */
  retryable: boolean;
}

export class AttemptPolicy {
  private readonly types = new Map<string, TypePlan>();
  /** How many of scenario.faults the plans were made from: a fault fired live adds one. */
  private faultsSeen: number;
  private readonly downstream: DownstreamLimits;
  private readonly attemptBase;
  private readonly lastDelay;

  constructor(
    private readonly scenario: Scenario,
    db: DB,
    runId: string,
  ) {
    for (const [name, spec] of Object.entries(scenario.jobTypes)) {
      this.types.set(name, {
        spec,
        faults: faultsForJobType(name, scenario.faults),
        retry: resolveRetryPolicy(scenario.retry, spec.retry),
      });
    }
    this.faultsSeen = scenario.faults.length;
    this.downstream = new DownstreamLimits(db, runId, scenario.faults);
    this.attemptBase = db.prepare<[number], number>('SELECT attempt_base FROM jobs WHERE id = ?').pluck();
    // The delay chosen after the previous failure of this round (decorrelated jitter grows from it).
    this.lastDelay = db
      .prepare<[number, number, number], number>(
        `SELECT backoff_delay FROM attempts
          WHERE job_id = ? AND attempt < ? AND attempt > ? AND backoff_delay IS NOT NULL
          ORDER BY attempt DESC LIMIT 1`,
      )
      .pluck();
  }

  /**
   * The attempt's duration and outcome, drawn for (seed, jobs.seq, attempt)
   * exactly as instant mode draws them; a downstream rate limit (429) is
   * counted in the database so that every worker process spends one quota.
   */
  plan(job: ClaimedJob, startedAt: number, slowdown: number): PlannedAttempt {
    if (this.scenario.faults.length !== this.faultsSeen) this.refreshFaults();
    const type = this.types.get(job.type);
    if (!type) {
      return { runFor: 0, outcome: 'failed', error: `unknown job type "${job.type}": the scenario has no handler for it`, retryable: false };
    }
    const fate = drawAttempt(this.scenario.seed, type.spec, type.faults, job.seq, job.attempt, startedAt, slowdown);
    if (isPoisonPill(job.payload) && fate.outcome !== 'timeout') return { ...fate, outcome: 'failed', error: POISON_PILL_ERROR, retryable: true };
    if (fate.outcome !== 'timeout' && this.downstream.rejects(job.type, startedAt)) {
      return { ...fate, outcome: 'failed', error: 'HTTP 429 Too Many Requests from downstream', retryable: true };
    }
    return { ...fate, retryable: true };
  }

  /**
   * After a failed attempt: when to try again, or null when the job is dead
   * (this round's attempts reached its max_attempts, or it cannot be retried).
   * n counts the attempts of the current round (a job retried from the
   * dead-letter table starts a new round), as the store's max_attempts does.
   */
  retry(job: ClaimedJob, now: number, retryable: boolean): RetryDecision | null {
    const type = this.types.get(job.type);
    if (!type || !retryable) return null;
    const base = this.attemptBase.get(job.jobId) ?? 0;
    const n = job.attempt - base;
    if (n >= job.maxAttempts) return null;
    const previous = type.retry.jitter === 'decorrelated' ? this.lastDelay.get(job.jobId, job.attempt, base) : undefined;
    const u = hashUniform(this.scenario.seed, STREAM.jitter, job.seq, n);
    const delay = retryDelay(type.retry, n, previous ?? undefined, u);
    return { ...delay, dueAt: now + delay.delay };
  }

  /** Faults fired while the run goes (a chaos outage, pushed by worker-main) join the job types' plans. */
  private refreshFaults(): void {
    for (const [name, plan] of this.types) plan.faults = faultsForJobType(name, this.scenario.faults);
    this.faultsSeen = this.scenario.faults.length;
  }
}
