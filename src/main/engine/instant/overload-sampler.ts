// Instant mode's measures of the downstream side over time (the
// overload_samples table): every service's load and every job type's
// defences, on a grid of scenario time, plus each circuit-breaker change at
// the moment it happens (a grid would miss a half-open spell shorter than
// its step). Like the state snapshots (snapshots.ts), the grid starts fine
// and is coarsened (every other point dropped, step doubled) so a long run
// keeps at most MAX_POINTS points. A point keeps each service's busy
// slot-seconds so far, so utilization is computed at the end over whatever
// step the kept points are apart: exact, however often the grid was coarsened.
// Everything read is the simulator's own state at scenario times: the same
// scenario and seed give the same rows.
import { defenceSamples, hasDefences, serviceSamples, breakerSample } from '../../../shared/overload/overload-samples.ts';
import { SIM_SOURCE, type OverloadSample } from '../../../shared/tables/overload-samples.ts';
import type { Caller } from './callers.ts';
import type { Services } from './services.ts';

const MAX_POINTS = 1000;
const FIRST_STEP = 0.1;

interface Point {
  t: number;
  busySeconds: number[];
  /** The rows other than utilization (which needs the point before). */
  rows: OverloadSample[];
}

export class OverloadSampler {
  private step = FIRST_STEP;
  private next = 0;
  private points: Point[] = [];
  private readonly breakerChanges: OverloadSample[] = [];
  /** Job types with defences, by index into the callers. */
  private readonly defended: number[];

  constructor(
    private readonly services: Services,
    private readonly callers: readonly Caller[],
    private readonly typeNames: readonly string[],
  ) {
    this.defended = callers.flatMap((c, i) => (hasDefences(c) ? [i] : []));
  }

  /** Call before applying an event at time t: records every grid point up to t (the state between events is constant). */
  advance(t: number): void {
    while (this.next <= t) {
      this.points.push(this.point(this.next));
      this.next = Math.round((this.next + this.step) * 1e9) / 1e9;
      if (this.points.length >= MAX_POINTS) this.coarsen();
    }
  }

  /** A job type's circuit breaker changed state at `t` (after the change). */
  breakerChanged(type: number, t: number): void {
    this.breakerChanges.push(breakerSample(t, SIM_SOURCE, this.typeNames[type]!, this.callers[type]!.breaker!));
  }

  /** Every row, the end of the run included, in time order (a breaker change before a grid point at the same time). */
  rows(end: number): OverloadSample[] {
    const last = this.points[this.points.length - 1];
    const points = !last || last.t < end ? [...this.points, this.point(end)] : this.points;
    const out: OverloadSample[] = [];
    points.forEach((p, i) => {
      const before = points[i - 1];
      this.services.list.forEach((s, k) => {
        const busy = before ? p.busySeconds[k]! - before.busySeconds[k]! : 0;
        const span = before ? p.t - before.t : 0;
        out.push({ t: p.t, source: SIM_SOURCE, name: s.name, metric: 'utilization', value: span > 0 ? busy / (s.spec.concurrency * span) : 0 });
      });
      out.push(...p.rows);
    });
    out.push(...this.breakerChanges);
    // Stable: rows at the same time keep the order they were made in.
    return out.sort((a, b) => a.t - b.t);
  }

  private point(t: number): Point {
    const rows: OverloadSample[] = [];
    const busySeconds = this.services.list.map((s, k) => {
      const load = this.services.load(k, t);
      serviceSamples(t, SIM_SOURCE, s.name, { inService: load.inService, queued: load.queued, capacity: load.capacity }, rows);
      return load.busySeconds;
    });
    for (const i of this.defended) defenceSamples(t, SIM_SOURCE, this.typeNames[i]!, this.callers[i]!, rows);
    return { t, busySeconds, rows };
  }

  private coarsen(): void {
    this.points = this.points.filter((_, i) => i % 2 === 0);
    this.step *= 2;
    const last = this.points[this.points.length - 1]!;
    this.next = Math.round((last.t + this.step) * 1e9) / 1e9;
  }
}
