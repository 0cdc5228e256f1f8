// A job's attempts for the inspector: the attempts table as the engine wrote
// it (instant recorder and live workers write the same columns), with the
// retry policy that produced each chosen delay, read from the run's stored
// scenario, and the lease of the attempt that holds the job now.
import type { AttemptInfo } from '../../shared/lab-api/lab-api.ts';
import type { AttemptOutcome } from '../../shared/job/states.ts';
import { resolveRetryPolicy } from '../../shared/retry/backoff.ts';
import type { RetryPolicy, Scenario } from '../../shared/scenario/schema.ts';
import type { DB } from '../engine/store/open-database.ts';
import type { JobRecord } from '../engine/store/types.ts';

interface AttemptRow {
  attempt: number;
  worker: string | null;
  started_at: number;
  ended_at: number | null;
  outcome: AttemptOutcome | null;
  error: string | null;
  backoff_base: number | null;
  backoff_delay: number | null;
  backoff_formula: string | null;
}

/** Parsed scenarios kept: the inspector asks about one run at a time. */
const SCENARIOS_KEPT = 8;

export class AttemptQueries {
  private readonly rows;
  private readonly scenarioJson;
  private readonly scenarios = new Map<string, Partial<Scenario> | null>();

  constructor(db: DB) {
    this.rows = db.prepare<[number], AttemptRow>(
      `SELECT attempt, worker, started_at, ended_at, outcome, error, backoff_base, backoff_delay, backoff_formula
         FROM attempts WHERE job_id = ? ORDER BY attempt`,
    );
    this.scenarioJson = db.prepare<[string], string | null>('SELECT scenario_json FROM runs WHERE id = ?').pluck();
  }

  attemptsOf(runId: string, job: JobRecord): AttemptInfo[] {
    const policy = this.policyOf(runId, job.type);
    const holding = job.state === 'processing' ? job.attemptBase + job.attempts : null;
    return this.rows.all(job.jobId).map((r) => ({
      attempt: r.attempt,
      worker: r.worker,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      outcome: r.outcome,
      error: r.error,
      backoff:
        r.backoff_delay === null
          ? null
          : {
              base: r.backoff_base ?? r.backoff_delay,
              delay: r.backoff_delay,
              formula: r.backoff_formula ?? '',
              kind: policy?.backoff.kind ?? null,
              initial: policy?.backoff.initial ?? null,
              factor: policy?.backoff.kind === 'exponential' ? policy.backoff.factor : null,
              max: policy?.backoff.max ?? null,
              jitter: policy?.jitter ?? null,
            },
      lease:
        r.ended_at === null && r.attempt === holding
          ? { owner: job.leaseOwner, expiresAt: job.leaseExpiresAt, heartbeatAt: job.heartbeatAt }
          : null,
      recovered: r.outcome === 'lost' || r.outcome === 'crashed',
    }));
  }

  /** The job type's retry policy as the engine resolved it; null when the stored scenario does not say. */
  private policyOf(runId: string, type: string): RetryPolicy | null {
    const scenario = this.scenarioOf(runId);
    if (!scenario?.retry) return null;
    return resolveRetryPolicy(scenario.retry, scenario.jobTypes?.[type]?.retry);
  }

  private scenarioOf(runId: string): Partial<Scenario> | null {
    if (!this.scenarios.has(runId)) {
      let scenario: Partial<Scenario> | null = null;
      try {
        scenario = JSON.parse(this.scenarioJson.get(runId) ?? 'null') as Partial<Scenario> | null;
      } catch {
        scenario = null; // a damaged row: the attempts still show, without the policy
      }
      this.scenarios.set(runId, scenario);
      if (this.scenarios.size > SCENARIOS_KEPT) this.scenarios.delete(this.scenarios.keys().next().value!);
    }
    return this.scenarios.get(runId) ?? null;
  }
}
