// A job's attempts for the inspector: the attempts table as the engine wrote
// it (instant recorder and live workers write the same columns), with the
// retry policy that produced each chosen delay, read from the run's stored
// scenario, and the lease of the attempt that holds the job now.
import type { AttemptInfo } from '../../shared/lab-api/lab-api.ts';
import { resolveRetryPolicy } from '../../shared/retry/backoff.ts';
import type { RetryPolicy, Scenario } from '../../shared/scenario/schema.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import type { JobRecord } from '../engine/store/types.ts';

/** Parsed scenarios kept: the inspector asks about one run at a time. */
const SCENARIOS_KEPT = 8;

export class AttemptInfos {
  private readonly scenarios = new Map<string, Partial<Scenario> | null>();

  constructor(private readonly reads: Pick<RunReads, 'attemptsOf' | 'getRun'>) {}

  async attemptsOf(runId: string, job: JobRecord): Promise<AttemptInfo[]> {
    const policy = await this.policyOf(runId, job.type);
    const holding = job.state === 'processing' ? job.attemptBase + job.attempts : null;
    return (await this.reads.attemptsOf(job.jobId)).map((r) => ({
      attempt: r.attempt,
      worker: r.worker,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      outcome: r.outcome,
      error: r.error,
      backoff:
        r.backoffDelay === null
          ? null
          : {
              base: r.backoffBase ?? r.backoffDelay,
              delay: r.backoffDelay,
              formula: r.backoffFormula ?? '',
              kind: policy?.backoff.kind ?? null,
              initial: policy?.backoff.initial ?? null,
              factor: policy?.backoff.kind === 'exponential' ? policy.backoff.factor : null,
              max: policy?.backoff.max ?? null,
              jitter: policy?.jitter ?? null,
            },
      lease:
        r.endedAt === null && r.attempt === holding
          ? { owner: job.leaseOwner, expiresAt: job.leaseExpiresAt, heartbeatAt: job.heartbeatAt }
          : null,
      recovered: r.outcome === 'lost' || r.outcome === 'crashed',
    }));
  }

  /** The job type's retry policy as the engine resolved it; null when the stored scenario does not say. */
  private async policyOf(runId: string, type: string): Promise<RetryPolicy | null> {
    const scenario = await this.scenarioOf(runId);
    if (!scenario?.retry) return null;
    return resolveRetryPolicy(scenario.retry, scenario.jobTypes?.[type]?.retry);
  }

  private async scenarioOf(runId: string): Promise<Partial<Scenario> | null> {
    if (!this.scenarios.has(runId)) {
      let scenario: Partial<Scenario> | null = null;
      try {
        scenario = JSON.parse((await this.reads.getRun(runId))?.scenarioJson ?? 'null') as Partial<Scenario> | null;
      } catch {
        scenario = null; // a damaged row: the attempts still show, without the policy
      }
      this.scenarios.set(runId, scenario);
      if (this.scenarios.size > SCENARIOS_KEPT) this.scenarios.delete(this.scenarios.keys().next().value!);
    }
    return this.scenarios.get(runId) ?? null;
  }
}
