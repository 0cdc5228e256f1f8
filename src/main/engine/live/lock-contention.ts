// The SQLite lock contention fault: during [from, to), another connection
// (ours) holds the write lock for holdMs at a time, every other holdMs. The
// workers' claims and completes queue behind it (busy_timeout), as they would
// behind a long report query or a migration in production. The hold itself is
// the store's (LiveStore.holdWriteLock): a store without one write lock
// (PostgreSQL) refuses the fault before the run starts.
import type { FaultSpec } from '../../../shared/scenario/schema.ts';

export class LockContention {
  private readonly windows: { from: number; to: number; holdMs: number }[];
  private nextHold = 0;

  constructor(
    private readonly hold: ((holdMs: number) => void) | null,
    faults: readonly FaultSpec[],
  ) {
    this.windows = faults.flatMap((f) => (f.kind === 'lockContention' ? [{ from: f.from, to: f.to, holdMs: f.holdMs }] : []));
  }

  /** Adds a window, e.g. one fired from the chaos controls; from/to in scenario seconds. */
  open(from: number, to: number, holdMs: number): void {
    this.windows.push({ from, to, holdMs });
  }

  /** Call from the run loop with the scenario time; blocks while it holds the lock. */
  tick(now: number): void {
    if (!this.hold) return;
    const w = this.windows.find((x) => now >= x.from && now < x.to);
    if (!w || Date.now() < this.nextHold) return;
    this.hold(w.holdMs);
    this.nextHold = Date.now() + w.holdMs;
  }
}
