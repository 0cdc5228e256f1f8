// Queue depth by state over time, for charts and reports. Sampled on a
// regular grid of scenario time; when the grid gets too fine for the run's
// length it is coarsened (every other point dropped, interval doubled) so a
// long run keeps at most MAX_POINTS rows.
import type { SnapshotRecord } from '../recorder/run-recorder.ts';

const MAX_POINTS = 2000;

export class Snapshots {
  private interval = 0.1;
  private next = 0;
  private points: SnapshotRecord[] = [];

  /** Call before applying an event at time t: records every grid point up to t. */
  advance(t: number, counts: readonly number[]): void {
    while (this.next <= t) {
      this.points.push({ t: this.next, counts: counts.slice() });
      this.next = Math.round((this.next + this.interval) * 1e9) / 1e9;
      if (this.points.length >= MAX_POINTS) this.coarsen();
    }
  }

  rows(end: number, counts: readonly number[]): SnapshotRecord[] {
    const last = this.points[this.points.length - 1];
    if (!last || last.t < end) return [...this.points, { t: end, counts: counts.slice() }];
    return this.points;
  }

  private coarsen(): void {
    this.points = this.points.filter((_, i) => i % 2 === 0);
    this.interval *= 2;
    const last = this.points[this.points.length - 1]!;
    this.next = Math.round((last.t + this.interval) * 1e9) / 1e9;
  }
}
