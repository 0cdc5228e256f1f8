// The seeds' /stats (seed 2's keys, seed 4's rates) over a whole run, from
// the counts the store's reads give (RunReads.jobCounts).
import type { JobCounts } from '../engine/store/reads/run-reads.ts';

export interface RunStats {
  total: number;
  scheduled: number;
  pending: number;
  retrying: number;
  processing: number;
  succeeded: number;
  dead: number;
  cancelled: number;
  /** Attempts per succeeded job, earlier rounds (before a retry from the DLQ) included. */
  avg_attempts_success: number;
  /** Succeeded jobs per scenario second since the run began. */
  jobs_per_s: number;
  /** Mean scenario seconds of the attempts that ended, whatever their outcome. */
  mean_processing_s: number;
  /** succeeded / (succeeded + dead), as the instant summary's stats. */
  success_rate: number;
}

export function runStats(counts: JobCounts, now: number): RunStats {
  const count = counts.byState;
  const total = Object.values(count).reduce((a, b) => a + b, 0);
  const { succeeded, dead } = count;
  return {
    total,
    ...count,
    avg_attempts_success: succeeded > 0 ? counts.attemptsOfSucceeded / succeeded : 0,
    jobs_per_s: now > 0 ? succeeded / now : 0,
    mean_processing_s: counts.endedAttempts > 0 ? counts.attemptSeconds / counts.endedAttempts : 0,
    success_rate: succeeded + dead > 0 ? succeeded / (succeeded + dead) : 0,
  };
}
