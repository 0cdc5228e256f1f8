// The run lifecycle in the stores, against a fake LabApi: a stored run opens
// from its snapshot (or, from an older host, from its event stream), folds
// pushed events in once per frame, and Stop shows the whole run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../../src/shared/events.ts';
import type { EventBatch, LabApi, RunDetail } from '../../../src/shared/lab-api/lab-api.ts';
import { RunTimeline } from '../../../src/shared/timeline/index.ts';
import { useConnection } from '../../../src/renderer/state/connection-store.ts';
import { usePlayback } from '../../../src/renderer/state/playback-store.ts';
import { openRun, stopRun } from '../../../src/renderer/state/run-actions.ts';
import { emptyRun, runEndTime, useRun } from '../../../src/renderer/state/run-store.ts';

function jobEvents(jobs: number): LabEvent[] {
  const events: LabEvent[] = [];
  const push = (t: number, job: number, kind: LabEvent['kind'], from: LabEvent['from'], to: LabEvent['to'], worker: string | null): void => {
    events.push({ seq: events.length + 1, t, job, kind, from, to, worker, detail: null });
  };
  for (let j = 1; j <= jobs; j++) {
    push(j, j, 'enqueued', null, 'pending', null);
    push(j + 0.5, j, 'claimed', 'pending', 'processing', 'w1');
    push(j + 0.9, j, 'succeeded', 'processing', 'succeeded', 'w1');
  }
  return events;
}

function runDetail(events: LabEvent[], status: RunDetail['status'] = 'completed'): RunDetail {
  return {
    id: 'r1', num: 1, scenario: 'demo', mode: 'instant', seed: 1, status, storeLevel: 'full',
    createdAt: '2026-01-01T00:00:00Z', finishedAt: null, simTime: 10, error: null, ownerPid: null,
    summary: status === 'completed' ? ({ events: events.length, sim_duration_s: events.at(-1)!.t } as RunDetail['summary']) : null,
    scenarioSpec: { producers: [{ count: 5 }] },
  };
}

/** A LabApi with only what opening a run needs; `snapshot: false` plays an older host without getTimeline. */
function fakeApi(events: LabEvent[], options: { snapshot: boolean }): { api: LabApi; push(batch: LabEvent[]): void } {
  let listener: ((batch: EventBatch) => void) | null = null;
  const api = {
    getRun: async () => runDetail(events),
    getTimeline: async () => {
      if (!options.snapshot) throw new Error('unknown_method');
      const timeline = new RunTimeline();
      timeline.add(events);
      return timeline.toSnapshot();
    },
    subscribeEvents: async (params: { afterSeq?: number }, l: (batch: EventBatch) => void) => {
      listener = l;
      const rest = events.filter((e) => e.seq > (params.afterSeq ?? 0));
      if (rest.length) queueMicrotask(() => l({ runId: 'r1', events: rest }));
      return () => undefined;
    },
  } as unknown as LabApi;
  return { api, push: (batch) => listener?.({ runId: 'r1', events: batch }) };
}

/** Frames on demand: what requestAnimationFrame scheduled runs when the test says so. */
let frames: (() => void)[] = [];
const nextFrame = (): void => {
  const due = frames;
  frames = [];
  for (const f of due) f();
};

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  useRun.setState(emptyRun());
  usePlayback.getState().reset();
});
afterEach(() => vi.unstubAllGlobals());

describe('openRun', () => {
  it('opens a finished run from its snapshot, without replaying its events, and plays it from 0', async () => {
    const events = jobEvents(5);
    useConnection.setState({ api: fakeApi(events, { snapshot: true }).api, status: 'connected' });
    await openRun('r1');
    const run = useRun.getState();
    expect(run.phase).toBe('finished');
    expect(run.eventsLoaded).toBe(15);
    expect(run.timeline.countsAt(run.timeline.endTime).succeeded).toBe(5);
    expect(run.plannedJobs).toBe(5);
    expect(usePlayback.getState()).toMatchObject({ cursor: 0, playing: true });
  });

  it('from a host without snapshots, folds the streamed events in on the next frame', async () => {
    const events = jobEvents(5);
    useConnection.setState({ api: fakeApi(events, { snapshot: false }).api, status: 'connected' });
    await openRun('r1');
    await Promise.resolve(); // the first push
    expect(useRun.getState().phase).toBe('loading');
    nextFrame();
    const run = useRun.getState();
    expect(run.phase).toBe('finished');
    expect(run.version).toBeGreaterThan(1);
    expect(run.timeline.eventCount).toBe(15);
    expect(runEndTime(run)).toBeCloseTo(5.9);
  });

  it('batches pushes that arrive within one frame into one version bump', async () => {
    const events = jobEvents(2);
    const fake = fakeApi(events, { snapshot: true });
    useConnection.setState({ api: fake.api, status: 'connected' });
    await openRun('r1');
    const before = useRun.getState().version;
    const more = jobEvents(4).slice(6).map((e) => ({ ...e }));
    fake.push(more.slice(0, 3));
    fake.push(more.slice(3));
    expect(useRun.getState().version).toBe(before);
    nextFrame();
    expect(useRun.getState().version).toBe(before + 1);
    expect(useRun.getState().eventsLoaded).toBe(12);
  });
});

describe('stopRun', () => {
  it('ends the replay of a finished run at its end', async () => {
    useConnection.setState({ api: fakeApi(jobEvents(3), { snapshot: true }).api, status: 'connected' });
    await openRun('r1');
    await stopRun();
    expect(usePlayback.getState()).toMatchObject({ playing: false, cursor: runEndTime(useRun.getState()) });
  });
});
