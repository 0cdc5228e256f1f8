// The summary's `downstream` and `verdict` (README.md "The verdict"), from
// what both modes have: when jobs arrived and succeeded, and what the services
// counted. instant-summary.ts and stored-summary.ts both call this, so an
// instant run and the same run read back from the database agree.
import { summarizeDownstream, type DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';
import { decideVerdict, findTrigger } from '../../../shared/overload/verdict.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

/**
 * @param successTimes finish times of succeeded jobs, any order (sorted here)
 * @param arrivalTimes enqueue times of every job, any order
 */
export function overloadSummary(
  scenario: Scenario,
  successTimes: Float64Array,
  arrivalTimes: Float64Array,
  counts: DownstreamCounts | null | undefined,
  duration: number,
): Pick<RunSummary, 'downstream' | 'verdict'> {
  // Sorting 200k finish times is most of the cost: only a run with a trigger needs them in order.
  const trigger = findTrigger(scenario);
  const verdict = trigger === null ? decideVerdict(null, successTimes, arrivalTimes) : decideVerdict(trigger, successTimes.sort(), arrivalTimes.sort());
  if (!counts) return { verdict };
  return { downstream: summarizeDownstream(counts, arrivalTimes.length, duration), verdict };
}
