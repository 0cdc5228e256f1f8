import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../../src/shared/events.ts';
import { FrameBatcher, type FrameScheduler } from '../../../src/renderer/state/frame-batcher.ts';

function event(seq: number): LabEvent {
  return { seq, t: seq / 10, job: seq, kind: 'enqueued', from: null, to: 'pending', worker: null, detail: null };
}

/** A frame clock the test advances by hand. */
function manualFrames(): { schedule: FrameScheduler; frame(): void; pending(): number } {
  let callbacks: (() => void)[] = [];
  return {
    schedule(callback) {
      callbacks.push(callback);
      return () => {
        callbacks = callbacks.filter((c) => c !== callback);
      };
    },
    frame() {
      const due = callbacks;
      callbacks = [];
      for (const c of due) c();
    },
    pending: () => callbacks.length,
  };
}

describe('FrameBatcher', () => {
  it('hands on every push of one frame in a single flush, in arrival order', () => {
    const frames = manualFrames();
    const flushed: number[][] = [];
    const batcher = new FrameBatcher((events) => flushed.push(events.map((e) => e.seq)), frames.schedule);
    batcher.push([event(1), event(2)]);
    batcher.push([event(3)]);
    batcher.push([event(4), event(5)]);
    expect(frames.pending()).toBe(1);
    expect(flushed).toEqual([]);
    frames.frame();
    expect(flushed).toEqual([[1, 2, 3, 4, 5]]);
    batcher.push([event(6)]);
    frames.frame();
    expect(flushed).toEqual([[1, 2, 3, 4, 5], [6]]);
  });

  it('schedules no frame for an empty push', () => {
    const frames = manualFrames();
    const batcher = new FrameBatcher(() => undefined, frames.schedule);
    batcher.push([]);
    expect(frames.pending()).toBe(0);
  });

  it('flushNow empties the buffer at once and cancels the frame', () => {
    const frames = manualFrames();
    const flushed: number[] = [];
    const batcher = new FrameBatcher((events) => flushed.push(events.length), frames.schedule);
    batcher.push([event(1)]);
    batcher.flushNow();
    expect(flushed).toEqual([1]);
    expect(frames.pending()).toBe(0);
  });

  it('drops what arrives after close (a subscription ended while pushes were in flight)', () => {
    const frames = manualFrames();
    const flushed: number[] = [];
    const batcher = new FrameBatcher((events) => flushed.push(events.length), frames.schedule);
    batcher.push([event(1)]);
    batcher.close();
    batcher.push([event(2)]);
    frames.frame();
    expect(flushed).toEqual([]);
  });
});
