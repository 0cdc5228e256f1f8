import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, formatDelta, formatMetric, metricDelta, metricRows } from '../../../src/renderer/views/compare/metric-rows.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import { runForEvents } from '../../shared/timeline/instant-events.ts';

const metric = (key: string) => COMPARE_METRICS.find((m) => m.key === key)!;

describe('metric deltas against the first run', () => {
  it('has the rows a student quotes, in order', () => {
    expect(COMPARE_METRICS.map((m) => m.key)).toEqual([
      'succeeded', 'dead', 'retries', 'wait_mean', 'wait_p95', 'total_p95', 'throughput', 'success_rate', 'duplicates', 'lost',
    ]);
  });

  it('reads each run\'s summary and measures every run against the first', () => {
    const a = runForEvents({ seed: 3, producers: [{ count: 200, arrival: { kind: 'poisson', rate: 2 } }], workers: { count: 1 } }).summary;
    const b = runForEvents({ seed: 3, producers: [{ count: 200, arrival: { kind: 'poisson', rate: 2 } }], workers: { count: 4 } }).summary;
    const rows = metricRows([a, b]);
    const wait = rows.find((r) => r.metric.key === 'wait_mean')!;
    expect(wait.values).toEqual([a.latency_s.wait_mean, b.latency_s.wait_mean]);
    expect(wait.deltas[0]).toBeNull();
    expect(wait.deltas[1]!.difference).toBeCloseTo(b.latency_s.wait_mean - a.latency_s.wait_mean, 12);
    // Four workers wait less than one.
    expect(wait.deltas[1]!.difference).toBeLessThan(0);
    const succeeded = rows.find((r) => r.metric.key === 'succeeded')!;
    expect(succeeded.values).toEqual([200, 200]);
    expect(formatDelta(succeeded.metric, succeeded.deltas[1]!)).toBe('±0');
  });

  it('formats sign, unit and percent; a zero baseline is "(new)"', () => {
    expect(formatDelta(metric('dead'), metricDelta(12, 10))).toBe('+2 (+20.0 %)');
    expect(formatDelta(metric('wait_mean'), metricDelta(0.6, 1))).toBe('\u22120.40 s (\u221240.0 %)');
    expect(formatDelta(metric('retries'), metricDelta(5, 0))).toBe('+5 (new)');
    expect(formatDelta(metric('success_rate'), metricDelta(0.9, 0.95))).toBe('\u22125.0 pp (\u22125.3 %)');
    expect(formatDelta(metric('dead'), null)).toBe('–');
  });

  it('shows success rate as a percentage and counts grouped; a run without a summary shows a dash', () => {
    expect(formatMetric(metric('success_rate'), 0.987)).toBe('98.7');
    expect(formatMetric(metric('succeeded'), 12345)).toBe('12,345');
    const rows = metricRows([null, { jobs: { dead: 1 } } as RunSummary], [metric('dead')]);
    expect(rows[0]!.values).toEqual([null, 1]);
    expect(rows[0]!.deltas[1]).toBeNull();
  });
});
