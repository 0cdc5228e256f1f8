// When a scenario is an M/M/c queue (Poisson arrivals, exponential service,
// c identical servers, nothing failing), Erlang C predicts its mean wait;
// the summary puts the prediction next to the measurement. The fit test
// lives in src/shared/theory so the UI explains the same verdict.
import { mmcFit, mmcPrediction } from '../../../shared/theory/mmc-fit.ts';
import type { RunSummary } from '../../../shared/metrics/run-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';

export function mmcTheory(s: Scenario): Pick<RunSummary, 'theory'> {
  const fit = mmcFit(s);
  return fit.fits ? { theory: mmcPrediction(fit) } : {};
}
