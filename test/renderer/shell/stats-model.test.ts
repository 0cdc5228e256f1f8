import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../src/shared/events.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { statsAt } from '../../../src/renderer/shell/stats-model.ts';

let seq = 0;
function ev(t: number, job: number, kind: LabEvent['kind'], from: LabEvent['from'], to: LabEvent['to'], worker: string | null = null): LabEvent {
  return { seq: ++seq, t, job, kind, from, to, worker, detail: null };
}

/** Job 1 succeeds at t=2; job 2 fails once, is retried and dies at t=6. */
function twoJobRun(): RunTimeline {
  seq = 0;
  const timeline = new RunTimeline({ initialBucketSeconds: 0.5 });
  timeline.add([
    ev(0, 1, 'enqueued', null, 'pending'),
    ev(0, 2, 'enqueued', null, 'pending'),
    ev(1, 1, 'claimed', 'pending', 'processing', 'w1'),
    ev(1, 2, 'claimed', 'pending', 'processing', 'w2'),
    ev(2, 1, 'succeeded', 'processing', 'succeeded', 'w1'),
    ev(3, 2, 'failed', 'processing', 'retrying', 'w2'),
    ev(4, 2, 'due', 'retrying', 'pending'),
    ev(5, 2, 'claimed', 'pending', 'processing', 'w1'),
    ev(6, 2, 'dead', 'processing', 'dead', 'w1'),
  ]);
  return timeline;
}

describe('statsAt', () => {
  it('counts jobs per state at the cursor', () => {
    const timeline = twoJobRun();
    expect(statsAt(timeline, null, 3.5).counts).toMatchObject({ succeeded: 1, retrying: 1, dead: 0 });
    const end = statsAt(timeline, null, 6);
    expect(end.counts).toMatchObject({ succeeded: 1, dead: 1, pending: 0, processing: 0 });
    expect(end.successRate).toBe(0.5);
    expect(end.avgAttempts).toBe(1.5);
    expect(end.fromSummary).toBe(false);
  });

  it('has no rate before any job finished', () => {
    const stats = statsAt(twoJobRun(), null, 0.5);
    expect(stats.successRate).toBeNull();
  });

  it('falls back to the summary when the timeline has no events (a run stored without its events)', () => {
    const summary = {
      sim_duration_s: 10,
      throughput_per_s: 0.4,
      jobs: { total: 5, succeeded: 4, dead: 1, cancelled: 0, pending: 0, scheduled: 0, retrying: 0, processing: 0, deduplicated: 0 },
      stats: { avg_attempts_success: 1.25, mean_processing_s: 0.8 },
      littles_law: { L: 1, lambda: 0.5, W: 2, lambda_W: 1 },
    } as unknown as RunSummary;
    const stats = statsAt(new RunTimeline(), summary, 10);
    expect(stats.fromSummary).toBe(true);
    expect(stats.counts).toMatchObject({ succeeded: 4, dead: 1, pending: 0 });
    expect(stats.jobsPerSecond).toBe(0.4);
    expect(stats.avgAttempts).toBe(1.25);
    expect(stats.littles?.lambda_W).toBe(1);
  });
});
