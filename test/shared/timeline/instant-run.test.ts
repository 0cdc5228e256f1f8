// The timeline against a real instant run: what it counts must agree with
// the engine's own summary, at the end and at every time in between.
import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../src/shared/events.ts';
import { RunTimeline, type TimelineSnapshot } from '../../../src/shared/timeline/index.ts';
import { builtin, runForEvents } from './instant-events.ts';

const SCENARIOS = ['retry-storm-no-jitter', 'worker-crash-recovery', 'poison-message', 'laravel-notification-worker'];

function enqueuedBefore(events: readonly LabEvent[], t: number): number {
  return events.filter((e) => e.kind === 'enqueued' && e.t < t).length;
}

describe.each(SCENARIOS)('RunTimeline on the %s built-in', (key) => {
  const { events, summary } = runForEvents(builtin(key));
  const timeline = new RunTimeline();
  // Batches of uneven size, as the stream delivers them.
  for (let i = 0, size = 1; i < events.length; i += size, size = (size * 7) % 997 + 1) timeline.add(events.slice(i, i + size));

  it('ends with the summary\'s counts', () => {
    const c = timeline.countsAt(timeline.endTime);
    expect(timeline.eventCount).toBe(summary.events);
    expect(timeline.jobCount).toBe(summary.jobs.total);
    expect(c).toEqual({
      scheduled: summary.jobs.scheduled, pending: summary.jobs.pending - summary.jobs.scheduled - summary.jobs.retrying,
      processing: summary.jobs.processing, succeeded: summary.jobs.succeeded, retrying: summary.jobs.retrying,
      dead: summary.jobs.dead, cancelled: summary.jobs.cancelled,
    });
    expect(timeline.endTime).toBeCloseTo(summary.sim_duration_s, 6);
  });

  it('accounts for every job enqueued so far at any earlier time', () => {
    for (let k = 0; k <= 20; k++) {
      const t = (timeline.endTime * k) / 20;
      const counts = timeline.countsAt(t);
      const sum = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(sum).toBe(timeline.enqueuedAt(t));
      const boundary = t >= timeline.endTime ? Infinity : Math.floor(t / timeline.bucketWidth) * timeline.bucketWidth;
      expect(sum).toBe(enqueuedBefore(events, boundary));
      for (const n of Object.values(counts)) expect(n).toBeGreaterThanOrEqual(0);
    }
  });

  it('draws a bar per attempt and agrees with the summary on attempts and latency', () => {
    expect(timeline.laneBars().count).toBe(summary.attempts.total);
    const finished = timeline.attemptsPerJob().reduce((a, b) => a + b, 0);
    expect(finished).toBe(summary.jobs.succeeded + summary.jobs.dead);
    const latency = timeline.latencySummary();
    expect(latency.total.count).toBe(summary.jobs.succeeded + summary.jobs.dead + summary.jobs.cancelled);
    expect(latency.total.mean).toBeCloseTo(summary.latency_s.total_mean, 6);
    // Log bins are 2^(1/16) wide: within 5 % (or a millisecond).
    expect(Math.abs(latency.total.p95 - summary.latency_s.total_p95)).toBeLessThanOrEqual(Math.max(1e-3, 0.05 * summary.latency_s.total_p95));
  });

  it('survives a JSON snapshot and keeps counting after it', () => {
    const half = Math.floor(events.length / 2);
    const first = new RunTimeline();
    first.add(events.slice(0, half));
    const wire = JSON.parse(JSON.stringify(first.toSnapshot())) as TimelineSnapshot;
    const resumed = RunTimeline.fromSnapshot(wire);
    resumed.add(events.slice(half));
    expect(resumed.toSnapshot()).toEqual(timeline.toSnapshot());
    const reloaded = RunTimeline.fromSnapshot(JSON.parse(JSON.stringify(timeline.toSnapshot())) as TimelineSnapshot);
    for (const t of [0, timeline.endTime / 3, timeline.endTime]) expect(reloaded.countsAt(t)).toEqual(timeline.countsAt(t));
    expect(reloaded.latencySeries()).toEqual(timeline.latencySeries());
    expect(reloaded.retryDelayHistogram()).toEqual(timeline.retryDelayHistogram());
  });
});

describe('retry delays', () => {
  it('show the no-jitter storm as spikes at the backoff steps and full jitter as a spread', () => {
    const spikes = new RunTimeline();
    spikes.add(runForEvents(builtin('retry-storm-no-jitter')).events);
    const spread = new RunTimeline();
    spread.add(runForEvents(builtin('retry-storm-full-jitter')).events);
    const nonEmpty = (h: { counts: number[] }): number => h.counts.filter((n) => n > 0).length;
    expect(nonEmpty(spikes.retryDelayHistogram(40))).toBeLessThanOrEqual(5);
    expect(nonEmpty(spread.retryDelayHistogram(40))).toBeGreaterThan(10);
  });
});
