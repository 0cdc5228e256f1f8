import { describe, expect, it } from 'vitest';
import { alignedSeries, commonAxis, isolatedPoints, resample } from '../../../src/renderer/views/compare/aligned-series.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { runForEvents } from '../../shared/timeline/instant-events.ts';

function timelineOf(count: number, seed = 5): RunTimeline {
  const timeline = new RunTimeline();
  timeline.add(runForEvents({ seed, producers: [{ count, arrival: { kind: 'poisson', rate: 4 } }], workers: { count: 2, concurrency: 1 }, jobTypes: { work: { duration: { kind: 'exponential', mean: 0.4 } } } }).events);
  return timeline;
}

/** How far x is from a whole number. */
const offGrid = (x: number): number => Math.abs(x - Math.round(x));

describe('one time axis for every compared run', () => {
  it('takes the widest bucket and the longest run, widening until the points fit', () => {
    expect(commonAxis([{ bucketWidth: 0.05, endTime: 10 }, { bucketWidth: 0.2, endTime: 40 }], 1000)).toEqual({ width: 0.2, xMax: 40 });
    expect(commonAxis([{ bucketWidth: 0.05, endTime: 10 }, { bucketWidth: 0.2, endTime: 40 }], 100)).toEqual({ width: 0.4, xMax: 40 });
  });

  it('resamples rates by mean, levels by their last value, percentiles by max, and skips NaN', () => {
    const v = [1, 3, 5, NaN, 2, 8];
    expect(resample(v, 6, 0.5, 1, 'mean')).toEqual([{ t: 0.5, v: 2 }, { t: 1.5, v: 5 }, { t: 2.5, v: 5 }]);
    expect(resample(v, 6, 0.5, 1, 'last')).toEqual([{ t: 1, v: 3 }, { t: 2, v: 5 }, { t: 3, v: 8 }]);
    expect(resample(v, 6, 0.5, 1, 'max')).toEqual([{ t: 0.5, v: 3 }, { t: 1.5, v: 5 }, { t: 2.5, v: 8 }]);
    expect(resample([NaN, NaN], 2, 0.5, 1, 'mean')[0]!.v).toBeNaN();
    // Same width: unchanged.
    expect(resample([4, 6], 2, 1, 1, 'mean')).toEqual([{ t: 0.5, v: 4 }, { t: 1.5, v: 6 }]);
  });

  it('puts a short and a long run (different bucket widths) on the same spacing, and keeps their totals', () => {
    const short = timelineOf(100);
    const long = timelineOf(4_000);
    expect(long.bucketWidth).toBeGreaterThan(short.bucketWidth);
    const { axis, runs } = alignedSeries([short, long], 300);
    expect(axis.xMax).toBe(long.endTime);
    expect(axis.width).toBeGreaterThanOrEqual(long.bucketWidth);
    for (const run of runs) {
      // Every point sits on the common grid.
      for (const p of run.succeededPerSecond) expect(offGrid(p.t / axis.width - 0.5)).toBeCloseTo(0, 6);
      for (const p of run.inSystem) expect(offGrid(p.t / axis.width - 0.5)).toBeCloseTo(0, 6);
    }
    // Integrating succeeded/s over the axis gives the jobs that succeeded; the last
    // point is the rate over the part of its interval the run lasted.
    const jobs = (t: RunTimeline, i: number): number => {
      const pts = runs[i]!.succeededPerSecond;
      const dataEnd = t.rateSeries().count * t.rateSeries().width;
      const lastStart = pts.at(-1)!.t - axis.width / 2;
      return pts.reduce((s, p, k) => s + p.v * (k === pts.length - 1 ? dataEnd - lastStart : axis.width), 0);
    };
    expect(jobs(short, 0)).toBeCloseTo(100, 6);
    expect(jobs(long, 1)).toBeCloseTo(4_000, 3);
    // Depth: some jobs wait at times, never more than were enqueued, and waiting is part of in-system.
    for (const run of runs) {
      expect(Math.max(...run.inSystem.map((p) => p.v))).toBeGreaterThan(0);
      run.waiting.forEach((p, i) => expect(p.v).toBeLessThanOrEqual(run.inSystem[i]!.v));
    }
    expect(Math.max(...runs[1]!.inSystem.map((p) => p.v))).toBeLessThanOrEqual(4_000);
    expect(runs[1]!.latencyP95.some((p) => p.v > 0)).toBe(true);
    expect(runs[1]!.retriesPerSecond.every((p) => p.v === 0)).toBe(true);
  });
});

describe('dots for values between gaps', () => {
  it('marks a value whose neighbours have none, and only those', () => {
    const pts = [NaN, 5, NaN, 2, 3, NaN, 7].map((v, i) => ({ t: i, v }));
    expect(isolatedPoints(pts)).toEqual([{ t: 1, v: 5 }, { t: 6, v: 7 }]);
  });
});
