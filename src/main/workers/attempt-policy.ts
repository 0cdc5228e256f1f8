// What one live attempt does and what happens after it fails: the same draws
// (attempt-draw.ts, keyed by the job's draw key) and the same lifecycle
// decision (src/shared/lifecycle) as instant mode, so which attempts fail is
// reproducible from the seed whichever worker runs them and whenever. Only
// timing differs between the modes.
import { drawAttempt, faultsForJobType, refusedByDownstream, type AttemptFate, type JobTypeFaults } from '../../shared/sim/attempt-draw.ts';
import { afterFailedAttempt, type RetryGate } from '../../shared/lifecycle/after-attempt.ts';
import { isPoisonPill, POISON_PILL_ERROR } from '../../shared/live/poison-pill.ts';
import { resolveRetryPolicy } from '../../shared/retry/backoff.ts';
import type { JobTypeSpec, RetryPolicy, Scenario } from '../../shared/scenario/schema.ts';
import type { LiveStore } from '../engine/live/live-store.ts';
import type { Awaitable } from '../engine/store/types.ts';
import type { ClaimedJob, FailInput } from '../engine/store/types.ts';
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

/** The draws of a job enqueued by hand (POST /jobs, a chaos poison job) are keyed by its seq. */
const drawKeyOf = (job: ClaimedJob): number => job.drawKey ?? job.seq;

export class AttemptPolicy {
  private readonly types = new Map<string, TypePlan>();
  /** How many of scenario.faults the plans were made from: a fault fired live adds one. */
  private faultsSeen: number;
  private readonly downstream: DownstreamLimits;

  constructor(
    private readonly scenario: Scenario,
    private readonly store: Pick<LiveStore, 'countDownstreamCall' | 'attemptBase' | 'lastBackoffDelay'>,
  ) {
    for (const [name, spec] of Object.entries(scenario.jobTypes)) {
      this.types.set(name, {
        spec,
        faults: faultsForJobType(name, scenario.faults),
        retry: resolveRetryPolicy(scenario.retry, spec.retry),
      });
    }
    this.faultsSeen = scenario.faults.length;
    this.downstream = new DownstreamLimits(store, scenario.faults);
  }

  /**
   * The attempt's duration and outcome, drawn for (seed, draw key, attempt)
   * exactly as instant mode draws them; a downstream rate limit (429) is
   * counted in the database so that every worker process spends one quota
   * (the only case that waits for the store).
   */
  plan(job: ClaimedJob, startedAt: number, slowdown: number): Awaitable<PlannedAttempt> {
    if (this.scenario.faults.length !== this.faultsSeen) this.refreshFaults();
    const type = this.types.get(job.type);
    if (!type) {
      return { runFor: 0, outcome: 'failed', error: `unknown job type "${job.type}": the scenario has no handler for it`, cause: 'unknown_type', retryable: false };
    }
    const fate = drawAttempt(this.scenario.seed, type.spec, type.faults, drawKeyOf(job), job.attempt, startedAt, slowdown);
    if (isPoisonPill(job.payload) && fate.outcome !== 'timeout') return { ...fate, outcome: 'failed', error: POISON_PILL_ERROR, cause: 'poison', retryable: true };
    if (fate.outcome === 'timeout' || !this.downstream.has(job.type)) return { ...fate, retryable: true };
    return this.downstream.rejects(job.type, startedAt).then((no) => (no ? { ...refusedByDownstream(fate), retryable: true } : { ...fate, retryable: true }));
  }

  /**
   * After a failed attempt: the lifecycle's decision (retry after a backoff,
   * or dead) as the store's fail() takes it. The round counts attempts since
   * the job was last retried from the dead-letter table, as max_attempts does.
   */
  async failure(job: ClaimedJob, plan: PlannedAttempt, now: number, gate: RetryGate | null = null): Promise<FailInput> {
    const type = this.types.get(job.type);
    const outcome = plan.outcome === 'timeout' ? 'timeout' : 'failed';
    const error = plan.error ?? 'handler failed';
    const base = await this.store.attemptBase(job.jobId);
    const n = job.attempt - base;
    const retryable = plan.retryable && type !== undefined;
    // The delay chosen after the previous failure of this round (decorrelated jitter grows from it).
    const previous = type?.retry.jitter === 'decorrelated' ? await this.store.lastBackoffDelay(job.jobId, job.attempt, base) : undefined;
    const decision = afterFailedAttempt(
      { outcome, error, cause: plan.cause, retryable },
      { attempt: n, maxAttempts: job.maxAttempts, previousDelay: previous ?? undefined },
      { policy: type?.retry ?? this.scenario.retry, seed: this.scenario.seed, drawKey: drawKeyOf(job) },
      now,
      gate,
    );
    if (decision.to === 'dead') return { outcome, error, now, retry: null, reason: decision.deadLetter.reason, cause: plan.cause, deadEvent: decision.event };
    return { outcome, error, now, retry: { ...decision.backoff, dueAt: decision.dueAt }, cause: plan.cause };
  }

  /** Faults fired while the run goes (a chaos outage, pushed by worker-main) join the job types' plans. */
  private refreshFaults(): void {
    for (const [name, plan] of this.types) plan.faults = faultsForJobType(name, this.scenario.faults);
    this.faultsSeen = this.scenario.faults.length;
  }
}
