// Job states, named as in docs/architecture.md "Job lifecycle" (they are the values of
// the jobs.state column), and the transitions the engine may make.

export const JOB_STATES = ['scheduled', 'pending', 'processing', 'succeeded', 'retrying', 'dead', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job never leaves on its own (dead can be retried by hand from the DLQ). */
export const FINAL_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'dead', 'cancelled']);

export const ATTEMPT_OUTCOMES = ['succeeded', 'failed', 'timeout', 'crashed', 'lost'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Allowed transitions; `null` is "not yet a job" (enqueue). */
export const TRANSITIONS: Readonly<Record<JobState | 'new', readonly JobState[]>> = {
  new: ['scheduled', 'pending'],
  scheduled: ['pending', 'cancelled'],
  pending: ['processing', 'cancelled'],
  processing: ['succeeded', 'retrying', 'dead', 'pending', 'processing'],
  retrying: ['pending', 'cancelled'],
  succeeded: [],
  dead: ['pending', 'cancelled'],
  cancelled: [],
};

export function canTransition(from: JobState | null, to: JobState): boolean {
  return TRANSITIONS[from ?? 'new'].includes(to);
}

/** Compact codes for the simulator's typed arrays; index into JOB_STATES. */
export const STATE_CODE: Readonly<Record<JobState, number>> = Object.fromEntries(
  JOB_STATES.map((s, i) => [s, i]),
) as Record<JobState, number>;
