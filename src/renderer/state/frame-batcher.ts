// Events arrive from the LabApi in bursts (up to 5,000 a push, many pushes a
// frame during a fast run). Rendering per push would re-draw far more often
// than the screen can show, so pushes are buffered and handed on at most
// once per animation frame, in arrival order. Plain TypeScript: tests drive
// it with their own scheduler.
import type { LabEvent } from '../../shared/events.ts';

/** Runs the callback before the next frame; returns a cancel function. */
export type FrameScheduler = (callback: () => void) => () => void;

export class FrameBatcher {
  private buffered: LabEvent[][] = [];
  private cancelFrame: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly flush: (events: LabEvent[]) => void,
    private readonly schedule: FrameScheduler,
  ) {}

  push(events: readonly LabEvent[]): void {
    if (this.closed || events.length === 0) return;
    this.buffered.push(events as LabEvent[]);
    this.cancelFrame ??= this.schedule(() => this.flushNow());
  }

  /** Hands on everything buffered now (also used before closing). */
  flushNow(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    if (this.buffered.length === 0) return;
    const events = this.buffered.length === 1 ? this.buffered[0]! : this.buffered.flat();
    this.buffered = [];
    this.flush(events);
  }

  close(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.buffered = [];
    this.closed = true;
  }
}
