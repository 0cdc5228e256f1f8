// Erlang C next to the measured run: the prediction (from the summary's
// `theory`, or computed from the stored scenario for a run summarised
// before the summary carried it), the measured mean wait and mean queue
// length, and their relative errors; or why the run is not M/M/c.
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import { validateScenario } from '../../../shared/scenario/validate.ts';
import { mmcFit, mmcPrediction, type MmcPrediction } from '../../../shared/theory/mmc-fit.ts';

export interface TheoryMeasure {
  predicted: number;
  measured: number;
  /** (measured - predicted) / predicted; null when the prediction is 0 or infinite. */
  relativeError: number | null;
}

export type TheoryCheck =
  | { kind: 'fits'; prediction: MmcPrediction; wait: TheoryMeasure; queueLength: TheoryMeasure; stable: boolean }
  | { kind: 'not-mmc'; reasons: string[] }
  | { kind: 'unknown'; why: string };

export function relativeError(measured: number, predicted: number): number | null {
  return Number.isFinite(predicted) && predicted !== 0 && Number.isFinite(measured) ? (measured - predicted) / predicted : null;
}

/**
 * The measured time-average number waiting: L (jobs in the system) minus
 * the jobs in service, which Little's law on the servers gives as lambda x
 * mean processing time. Measured from the run, not from its waits.
 */
export function measuredQueueLength(summary: RunSummary): number {
  const { L, lambda } = summary.littles_law;
  return Math.max(0, L - lambda * summary.stats.mean_processing_s);
}

function predictionFor(summary: RunSummary, scenarioSpec: unknown): MmcPrediction | { reasons: string[] } | { why: string } {
  if (summary.theory) return summary.theory;
  if (scenarioSpec === null || scenarioSpec === undefined) return { why: 'the run has no stored scenario to check against M/M/c' };
  const parsed = validateScenario(scenarioSpec);
  if (!parsed.ok) return { why: 'the stored scenario no longer validates, so it cannot be checked against M/M/c' };
  const fit = mmcFit(parsed.scenario);
  return fit.fits ? mmcPrediction(fit) : { reasons: fit.reasons };
}

export function theoryCheck(summary: RunSummary, scenarioSpec: unknown): TheoryCheck {
  const p = predictionFor(summary, scenarioSpec);
  if ('why' in p) return { kind: 'unknown', why: p.why };
  if ('reasons' in p) return { kind: 'not-mmc', reasons: p.reasons };
  const wait = summary.latency_s.wait_mean;
  const queue = measuredQueueLength(summary);
  return {
    kind: 'fits',
    prediction: p,
    stable: p.rho < 1,
    wait: { predicted: p.wait_mean, measured: wait, relativeError: relativeError(wait, p.wait_mean) },
    queueLength: { predicted: p.queue_length_mean, measured: queue, relativeError: relativeError(queue, p.queue_length_mean) },
  };
}
