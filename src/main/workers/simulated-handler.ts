// The simulated job handler of a live worker: it sleeps the attempt's drawn
// duration (already in wall ms), heartbeating its lease and reporting
// progress on the way, as a real handler would between chunks of work. A
// lost lease does not stop it: the work goes on and the fenced finish is
// what refuses the result, which is how a real worker learns it too.
import type { LiveStore } from '../engine/live/live-store.ts';
import { isTransient } from '../engine/live/transient-error.ts';
import type { ClaimedJob } from '../engine/store/types.ts';

/** What the handler needs from its worker. */
export interface HandlerHost {
  readonly worker: string;
  readonly store: LiveStore;
  readonly leaseSeconds: number | null;
  /** Wall ms between heartbeats. */
  readonly beatMs: number;
  isHung(): boolean;
  /** Scenario seconds now. */
  now(): number;
  /** Logs the first incident of a kind, counts the rest. */
  note(kind: string, line: string): void;
}

export const forever = (): Promise<never> => new Promise<never>(() => {});

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the work is done; never resolves once the worker hangs. */
export async function runSimulatedHandler(host: HandlerHost, job: ClaimedJob, wallMs: number): Promise<void> {
  if (wallMs < 1) {
    // Below the timers' 1 ms resolution a sleep would last 1 ms whatever was
    // asked: a job that short only yields, so no-op jobs run as no-ops.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (host.isHung()) return forever();
    return;
  }
  const start = performance.now();
  const end = start + wallMs;
  let leased = true;
  for (;;) {
    const left = end - performance.now();
    if (left <= host.beatMs) {
      // The last stretch: no beat at the very end, the finish follows at once.
      if (left > 0) await sleep(left);
      if (host.isHung()) return forever();
      return;
    }
    await sleep(host.beatMs);
    if (host.isHung()) return forever();
    if (!leased) continue;
    try {
      const now = host.now();
      const beat = await host.store.heartbeat(job.jobId, host.worker, job.attempt, now, host.leaseSeconds);
      if (!beat.ok) {
        leased = false;
        host.note('lease lost', `job ${job.jobId} attempt ${job.attempt}: lease lost at t=${now.toFixed(2)}; finishing anyway`);
        continue;
      }
      await host.store.progress(job.jobId, host.worker, Math.min(1, (performance.now() - start) / wallMs));
    } catch (error) {
      if (!isTransient(error)) throw error;
      host.note('busy heartbeat', `the database did not answer a heartbeat (${(error as Error).message}); skipped, the next one will try again`);
    }
  }
}

/** Sleeps that stop() can cut short, so a graceful stop does not wait out an idle poll. */
export class WakeableSleeps {
  private readonly wakers = new Set<() => void>();

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  wakeAll(): void {
    for (const wake of this.wakers) wake();
  }
}

/** Logs the first incident of each kind and only counts the rest (unsafe claims lose leases by the dozen). */
export class IncidentLog {
  private readonly seen = new Map<string, number>();

  constructor(private readonly log: (line: string) => void) {}

  note(kind: string, line: string): void {
    const count = (this.seen.get(kind) ?? 0) + 1;
    this.seen.set(kind, count);
    if (count === 1) this.log(`${line} (further "${kind}" incidents are not logged)`);
  }
}
