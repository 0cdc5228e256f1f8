// Throughput of add() and the size of a snapshot on a large synthetic run.
// Bounds are generous (shared CI machines); the numbers are printed.
import { describe, expect, it } from 'vitest';
import { RunTimeline, type TimelineSnapshot } from '../../../src/shared/timeline/index.ts';
import type { LabEvent } from '../../../src/shared/events.ts';

/** Jobs on 8 workers, half failing once: 4.5 events per job (112k jobs, 504k events). */
function bigRun(jobs: number): LabEvent[] {
  const events: LabEvent[] = [];
  let seq = 0;
  const push = (t: number, job: number | null, kind: LabEvent['kind'], from: LabEvent['from'], to: LabEvent['to'], worker: string | null, detail: string | null = null): void => {
    events.push({ seq: ++seq, t, job, kind, from, to, worker, detail });
  };
  for (let w = 1; w <= 8; w++) push(0, null, 'worker_started', null, null, `w${w}`);
  for (let j = 1; j <= jobs; j++) {
    const t = j * 0.01;
    const w = `w${(j % 8) + 1}`;
    push(t, j, 'enqueued', null, 'pending', null);
    push(t, j, 'claimed', 'pending', 'processing', w);
    if (j % 2 === 0) {
      push(t + 0.005, j, 'failed', 'processing', 'retrying', w, 'failed: boom; retry in fixed 1 s');
      push(t + 1, j, 'due', 'retrying', 'pending', null);
      push(t + 1, j, 'claimed', 'pending', 'processing', w);
    }
    push(t + (j % 2 === 0 ? 1.005 : 0.005), j, 'succeeded', 'processing', 'succeeded', w);
  }
  return events;
}

describe('RunTimeline at scale', () => {
  it('adds half a million events well under a second and opens from a snapshot quickly', () => {
    const events = bigRun(112_000);
    const timeline = new RunTimeline();
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += 5000) timeline.add(events.slice(i, i + 5000));
    const addMs = performance.now() - t0;
    const t1 = performance.now();
    const json = JSON.stringify(timeline.toSnapshot());
    const writeMs = performance.now() - t1;
    const t2 = performance.now();
    const reloaded = RunTimeline.fromSnapshot(JSON.parse(json) as TimelineSnapshot);
    reloaded.depthSeries();
    reloaded.rateSeries();
    reloaded.latencySeries();
    const readMs = performance.now() - t2;
    console.log(
      `timeline: ${events.length} events added in ${addMs.toFixed(0)} ms; snapshot ${(json.length / 1e6).toFixed(1)} MB, ` +
        `written in ${writeMs.toFixed(0)} ms, read and charted in ${readMs.toFixed(0)} ms`,
    );
    expect(reloaded.countsAt(reloaded.endTime).succeeded).toBe(112_000);
    expect(addMs).toBeLessThan(3000);
    expect(readMs).toBeLessThan(3000);
  });
});
