import { describe, expect, it } from 'vitest';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { EventLog } from './event-builder.ts';

const ZERO = { scheduled: 0, pending: 0, processing: 0, succeeded: 0, retrying: 0, dead: 0, cancelled: 0 };

/** Two workers; job 1 succeeds, job 2 fails once then dies, job 3 waits on a schedule and is cancelled. */
function story(): EventLog {
  return new EventLog()
    .workerStarted(0, 'w1').workerStarted(0, 'w2')
    .enqueue(0, 1).enqueue(0, 2).enqueue(0, 3, 'scheduled')
    .claim(0, 1, 'w1').claim(0, 2, 'w2')
    .succeed(1, 1, 'w1')
    .fail(1.5, 2, 'w2', 'timeout')
    .due(2.5, 2)
    .claim(2.5, 2, 'w1')
    .dead(3, 2, 'w1')
    .cancel(4, 3, 'scheduled');
}

describe('RunTimeline from a hand-made log', () => {
  it('counts states at the end exactly and at bucket boundaries before', () => {
    const tl = new RunTimeline({ initialBucketSeconds: 0.5 });
    tl.add(story().events);
    expect(tl.eventCount).toBe(13);
    expect(tl.endTime).toBe(4);
    expect(tl.jobCount).toBe(3);
    expect(tl.countsAt(4)).toEqual({ ...ZERO, succeeded: 1, dead: 1, cancelled: 1 });
    expect(tl.countsAt(99)).toEqual(tl.countsAt(4));
    // Before the first boundary nothing has happened yet.
    expect(tl.countsAt(0.2)).toEqual(ZERO);
    // Everything in [0, 0.5): three enqueued, two claimed.
    expect(tl.countsAt(0.5)).toEqual({ ...ZERO, scheduled: 1, processing: 2 });
    expect(tl.countsAt(1.6)).toEqual({ ...ZERO, scheduled: 1, processing: 1, succeeded: 1 });
    expect(tl.countsAt(2)).toEqual({ ...ZERO, scheduled: 1, retrying: 1, succeeded: 1 });
    expect(tl.countsAt(3.9)).toEqual({ ...ZERO, scheduled: 1, succeeded: 1, dead: 1 });
    expect(tl.enqueuedAt(0.2)).toBe(0);
    expect(tl.enqueuedAt(1)).toBe(3);
  });

  it('draws one bar per attempt with its outcome, on the worker that ran it', () => {
    const tl = new RunTimeline();
    tl.add(story().events);
    const bars = Array.from({ length: tl.laneBars().count }, (_, i) => tl.laneBar(i));
    expect(bars).toEqual([
      { worker: 'w1', job: 1, attempt: 1, start: 0, end: 1, outcome: 'succeeded' },
      { worker: 'w2', job: 2, attempt: 1, start: 0, end: 1.5, outcome: 'timeout' },
      { worker: 'w1', job: 2, attempt: 2, start: 2.5, end: 3, outcome: 'failed' },
    ]);
    expect(tl.workers()).toEqual(['w1', 'w2']);
    expect(tl.attemptsPerJob()).toEqual([0, 1, 1]);
  });

  it('measures the waited retry delay and the latency of successes', () => {
    const tl = new RunTimeline();
    tl.add(story().events);
    const hist = tl.retryDelayHistogram(10);
    expect(hist.total).toBe(1);
    expect(hist.max).toBeCloseTo(1, 9);
    expect(hist.counts[Math.floor(1 / hist.binWidth)]).toBe(1);
    const summary = tl.latencySummary();
    // Finished: job 1 at 1 s, job 2 dead at 3 s, job 3 cancelled at 4 s.
    expect(summary.total.count).toBe(3);
    expect(summary.total.max).toBe(4);
    expect(summary.total.mean).toBeCloseTo(8 / 3, 9);
    expect(Math.abs(summary.total.p50 - 3)).toBeLessThan(3 * 0.025); // log bins: +-2.2 %
    expect(summary.wait.count).toBe(2);
    expect(summary.wait.mean).toBe(0);
  });

  it('ends a crashed worker\'s attempt at the crash and a hung worker\'s at recovery', () => {
    const tl = new RunTimeline();
    const log = new EventLog()
      .workerStarted(0, 'w1').workerStarted(0, 'w2')
      .enqueue(0, 1).enqueue(0, 2)
      .claim(0, 1, 'w1').claim(0, 2, 'w2')
      .workerCrashed(1, 'w1').workerHung(2, 'w2')
      .workerStarted(3, 'w1', 'restart 1')
      .recovered(30, 1).recovered(31, 2)
      .claim(30, 1, 'w1').succeed(31, 1, 'w1');
    tl.add(log.events);
    expect(tl.laneBar(0)).toMatchObject({ job: 1, end: 1, outcome: 'crashed' });
    expect(tl.laneBar(1)).toMatchObject({ job: 2, end: 31, outcome: 'lost' });
    expect(tl.laneBar(2)).toMatchObject({ job: 1, attempt: 2, end: 31, outcome: 'succeeded' });
    expect(tl.workerMarkers().map((m) => `${m.worker} ${m.kind} ${m.t}`)).toEqual([
      'w1 started 0', 'w2 started 0', 'w1 crashed 1', 'w2 hung 2', 'w1 started 3',
    ]);
    expect(tl.countsAt(31)).toEqual({ ...ZERO, succeeded: 1, pending: 1 });
  });

  it('marks a worker that joined from another machine as joined, and its restarts as restarts', () => {
    const tl = new RunTimeline();
    tl.add(new EventLog()
      .workerStarted(0, 'w1', 'started')
      .workerStarted(2.5, 'laptop-1', 'joined (pid 4242)')
      .workerCrashed(4, 'laptop-1')
      .workerStarted(5, 'laptop-1', 'joined, restart 1')
      .workerStarted(6, 'w2', 'started').events);
    expect(tl.workerMarkers().map((m) => `${m.worker} ${m.kind} ${m.t}`)).toEqual([
      'w1 started 0', 'laptop-1 joined 2.5', 'laptop-1 crashed 4', 'laptop-1 started 5', 'w2 started 6',
    ]);
  });

  it('keeps a running attempt open and records fault spans', () => {
    const tl = new RunTimeline();
    tl.add(new EventLog().enqueue(0, 1).fault(1, true, 'outage api').claim(2, 1, 'w1').events);
    expect(tl.laneBar(0)).toMatchObject({ end: null, outcome: 'running' });
    expect(tl.faults()).toEqual([{ label: 'outage api', start: 1, end: null }]);
    tl.add(new EventLog().fault(5, false, 'outage api').events);
    expect(tl.faults()).toEqual([{ label: 'outage api', start: 1, end: 5 }]);
  });

  it('takes a dead job retried by hand out of the finished attempts', () => {
    const tl = new RunTimeline();
    const log = story().retryFromDead(5, 2).claim(5, 2, 'w2').succeed(6, 2, 'w2');
    tl.add(log.events);
    expect(tl.countsAt(6)).toEqual({ ...ZERO, succeeded: 2, cancelled: 1 });
    expect(tl.attemptsPerJob()).toEqual([0, 1, 0, 1]);
  });

  it('coarsens buckets as the run grows and keeps the counts', () => {
    const tl = new RunTimeline({ initialBucketSeconds: 0.01, maxBuckets: 64 });
    const log = new EventLog();
    for (let j = 1; j <= 1000; j++) log.enqueue(j, j).claim(j, j, 'w1').succeed(j + 0.5, j, 'w1');
    tl.add(log.events);
    expect(tl.bucketWidth).toBeGreaterThanOrEqual(1000 / 64);
    expect(tl.depthSeries().count).toBeLessThanOrEqual(64);
    expect(tl.countsAt(tl.endTime)).toEqual({ ...ZERO, succeeded: 1000 });
    const rates = tl.rateSeries();
    const enqueued = rates.enqueued.reduce((a, b) => a + b, 0) * rates.width;
    expect(enqueued).toBeCloseTo(1000, 6);
    for (const t of [100, 333, 777]) {
      const c = tl.countsAt(t);
      const boundary = Math.floor(t / tl.bucketWidth) * tl.bucketWidth;
      expect(c.succeeded + c.processing + c.pending).toBe(tl.enqueuedAt(t));
      expect(tl.enqueuedAt(t)).toBe(Math.min(1000, Math.ceil(boundary) - 1));
    }
  });

  it('gives transition rates over a window for the flow board', () => {
    const tl = new RunTimeline({ initialBucketSeconds: 1 });
    const log = new EventLog();
    for (let j = 1; j <= 100; j++) log.enqueue(j * 0.1, j);
    tl.add(log.events);
    const rate = tl.transitionRates(10, 5).find((r) => r.from === null && r.to === 'pending');
    expect(rate?.perSecond).toBeCloseTo(10, 0);
  });
});
