// The overload charts' series from getOverloadSeries: utilization merged
// into whole seconds as exact step-weighted means, open slots as a share of
// concurrency, breaker steps reduced to their changes with open spells and
// time per state, and live mode's per-worker defences labelled by worker.
import { describe, expect, it } from 'vitest';
import { overloadChartData, timeInState } from '../../../../src/renderer/views/charts/overload-chart-data.ts';
import { changesOnly, meanOverSpans, openSpells, type OverloadSeries } from '../../../../src/shared/overload/overload-series.ts';

const s = (source: string, name: string, metric: OverloadSeries['metric'], t: number[], value: number[]): OverloadSeries => ({ source, name, metric, t, value });

describe('overload chart data', () => {
  it('merges utilization into spans of a second, weighting each point by its step', () => {
    // Steps of 0.25 s then one of 0.5 s: means 1, 1, 0, 0 | 0.5 (over 0.5 s) and 1 (over 0.5 s).
    const merged = meanOverSpans([{ t: 0, v: 0 }, { t: 0.25, v: 1 }, { t: 0.5, v: 1 }, { t: 0.75, v: 0 }, { t: 1, v: 0 }, { t: 1.5, v: 0.5 }, { t: 2, v: 1 }], 1);
    expect(merged).toEqual([{ t: 0, v: 0 }, { t: 1, v: 0.5 }, { t: 2, v: 0.75 }]);
  });

  it('draws open slots as a share of the service\'s concurrency', () => {
    const d = overloadChartData([
      s('sim', 'api', 'utilization', [0, 1], [0, 0.5]),
      s('sim', 'api', 'capacity', [0, 1, 2, 3], [10, 10, 2, 10]),
    ]);
    expect(d.services).toEqual(['api']);
    expect(d.openSlots[0]!.points.map((p) => p.v)).toEqual([1, 1, 0.2, 1]);
  });

  it('keeps a breaker\'s changes, its open spells and the time it spent in each state', () => {
    const steps = changesOnly([{ t: 0, v: 0 }, { t: 1, v: 0 }, { t: 3, v: 2 }, { t: 4, v: 2 }, { t: 8, v: 1 }, { t: 8.5, v: 2 }, { t: 12, v: 0 }, { t: 20, v: 0 }]);
    expect(steps.map((p) => p.t)).toEqual([0, 3, 8, 8.5, 12, 20]);
    expect(openSpells(steps, 20)).toEqual([[3, 8], [8.5, 12]]);
    expect(openSpells(steps, 20, 1)).toEqual([[8, 8.5]]);
    expect(timeInState(steps, 20)).toEqual({ closed: 11, 'half-open': 0.5, open: 8.5 });
  });

  it('labels each live worker\'s defences by the worker, and instant mode\'s by the job type alone', () => {
    const live = overloadChartData([
      s('w1', 'request', 'budget_tokens', [0], [500]),
      s('w2', 'request', 'budget_tokens', [0], [480]),
      s('w1', 'request', 'breaker_state', [0, 5], [0, 2]),
    ]);
    expect(live.budget.map((b) => b.label)).toEqual(['request (w1)', 'request (w2)']);
    expect(live.breakers.map((b) => b.label)).toEqual(['request (w1)']);
    const instant = overloadChartData([s('sim', 'request', 'throttle_p', [0, 1], [0, 0.4])]);
    expect(instant.throttle).toEqual([{ label: 'request', points: [{ t: 0, v: 0 }, { t: 1, v: 0.4 }] }]);
  });
});
