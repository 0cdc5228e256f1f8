// The stats panel's numbers, from the timeline at the cursor (counts follow
// the slider) and from the run summary (whole-run figures). Plain functions
// so they can be tested without React.
import type { JobState } from '../../shared/job/states.ts';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import type { RunTimeline } from '../../shared/timeline/index.ts';

export type StateCountsView = Record<JobState, number>;

export interface StatsView {
  counts: StateCountsView;
  /** Succeeded jobs per scenario second up to the cursor. */
  jobsPerSecond: number | null;
  successRate: number | null;
  avgAttempts: number | null;
  meanProcessing: number | null;
  littles: RunSummary['littles_law'] | null;
  /** True when the counts come from the summary (the timeline has nothing yet). */
  fromSummary: boolean;
}

function countsFromSummary(s: RunSummary): StateCountsView {
  return {
    scheduled: s.jobs.scheduled,
    pending: s.jobs.pending - s.jobs.scheduled - s.jobs.retrying,
    processing: s.jobs.processing,
    succeeded: s.jobs.succeeded,
    retrying: s.jobs.retrying,
    dead: s.jobs.dead,
    cancelled: s.jobs.cancelled,
  };
}

function meanAttempts(attemptsPerJob: readonly number[]): number | null {
  let jobs = 0;
  let attempts = 0;
  attemptsPerJob.forEach((n, i) => {
    jobs += n;
    attempts += n * i;
  });
  return jobs > 0 ? attempts / jobs : null;
}

export function statsAt(timeline: RunTimeline, summary: RunSummary | null, cursor: number): StatsView {
  const fromSummary = timeline.eventCount === 0 && summary !== null;
  const counts = fromSummary ? countsFromSummary(summary) : timeline.countsAt(cursor);
  const finished = counts.succeeded + counts.dead;
  const atEnd = summary !== null && cursor >= summary.sim_duration_s - 1e-9;
  return {
    counts,
    jobsPerSecond: atEnd ? summary.throughput_per_s : cursor > 0 ? counts.succeeded / cursor : null,
    successRate: finished > 0 ? counts.succeeded / finished : null,
    // One source all along (no jump at the end): attempts per job finished by the cursor.
    avgAttempts: fromSummary ? summary.stats.avg_attempts_success : meanAttempts(timeline.attemptsPerJob()),
    meanProcessing: summary?.stats.mean_processing_s ?? null,
    littles: summary?.littles_law ?? null,
    fromSummary,
  };
}
