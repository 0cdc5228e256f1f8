// One live worker process's work: `concurrency` async lanes, each claiming a
// due job from the SQLite file, running the simulated handler (a sleep of the
// drawn duration, scaled to wall time, with heartbeats), then reporting the
// outcome through the fenced complete/fail. Everything it decides is in
// scenario seconds; only the sleeps are in wall milliseconds.
//
// Idle polling. pollInterval > 0 models a polling worker (Laravel's
// --sleep=3): an idle lane sleeps pollInterval * timeScale wall seconds.
// pollInterval 0 models a blocking pop (take a due job at once). SQLite has no
// blocking pop, so an idle lane re-checks after IDLE_SCENARIO_SECONDS of
// scenario time, clamped to [IDLE_MIN_MS, IDLE_MAX_MS] wall ms: at least 2 ms
// so idle workers do not spin, at most 20 ms so a job waits at most that long
// at time scale 1. Idle checks are plain reads (no write lock): the claim
// transaction (BEGIN IMMEDIATE) runs only when the read saw a due job, so
// idle workers never queue behind busy ones for the lock.
import type { Scenario } from '../../shared/scenario/schema.ts';
import type { FromWorker } from '../../shared/live/worker-messages.ts';
import type { DB } from '../engine/store/open-database.ts';
import type { SqliteQueueStore } from '../engine/store/queue-store.ts';
import type { ClaimedJob, ClaimOptions } from '../engine/store/types.ts';
import { AttemptPolicy } from './attempt-policy.ts';
import type { WorkerSpec } from './worker-host.ts';

export const IDLE_SCENARIO_SECONDS = 0.05;
export const IDLE_MIN_MS = 2;
export const IDLE_MAX_MS = 20;
/** The unsafe claim's read-to-update gap when the scenario has no unsafeClaim fault to set it (scenario seconds). */
export const DEFAULT_UNSAFE_WINDOW = 0.05;
/** How long to wait before retrying a write that stayed SQLITE_BUSY beyond busy_timeout. */
const BUSY_RETRY_MS = 25;
const STATS_EVERY_MS = 1000;

export type WorkerEnd = 'stopped' | 'maxJobs';

export interface LiveWorkerOptions {
  spec: WorkerSpec;
  scenario: Scenario;
  db: DB;
  store: SqliteQueueStore;
  send(message: FromWorker): Promise<void> | void;
  log(line: string): void;
}

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const forever = (): Promise<never> => new Promise<never>(() => {});

export class LiveWorker {
  private stopping = false;
  private hung = false;
  private slowdown = 1;
  private unsafe: boolean;
  private readonly unsafeWindowMs: number;
  /** Jobs claimed (reserved before the claim, so lanes never exceed maxJobs together). */
  private claimed = 0;
  private jobsDone = 0;
  private readonly wakers = new Set<() => void>();
  private readonly policy: AttemptPolicy;
  private readonly queues: string[];
  private readonly leaseSeconds: number | null;
  private readonly incidents = new Map<string, number>();
  private statsTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: LiveWorkerOptions) {
    const { scenario, spec } = o;
    this.policy = new AttemptPolicy(scenario, o.db, spec.runId);
    this.queues = scenario.workers.queues
      ? [...scenario.workers.queues]
      : scenario.queues
          .map((q, i) => ({ q, i }))
          .sort((a, b) => a.q.priority - b.q.priority || a.i - b.i)
          .map(({ q }) => q.name);
    const noLease = scenario.faults.some((f) => f.kind === 'noVisibilityTimeout');
    this.leaseSeconds = noLease ? null : scenario.visibilityTimeout;
    const unsafeFault = scenario.faults.find((f) => f.kind === 'unsafeClaim');
    this.unsafe = unsafeFault !== undefined;
    this.unsafeWindowMs = this.wallMs(unsafeFault?.kind === 'unsafeClaim' ? unsafeFault.window : DEFAULT_UNSAFE_WINDOW);
  }

  get isHung(): boolean {
    return this.hung;
  }

  get done(): number {
    return this.jobsDone;
  }

  /** Runs every lane until stopped or maxJobs jobs were taken and finished. Never resolves once hung. */
  async run(): Promise<WorkerEnd> {
    this.statsTimer = setInterval(() => void this.sendStats(), STATS_EVERY_MS);
    this.statsTimer.unref();
    const lanes = Array.from({ length: this.o.scenario.workers.concurrency }, () => this.lane());
    await Promise.all(lanes);
    clearInterval(this.statsTimer);
    if (this.hung) return forever();
    return this.stopping ? 'stopped' : 'maxJobs';
  }

  /** Graceful: finish the jobs in hand, claim nothing new. A hung worker does not hear it. */
  stop(): void {
    if (this.hung) return;
    this.stopping = true;
    for (const wake of this.wakers) wake();
  }

  /** Stop heartbeating and never finish: the lease runs out and the supervisor recovers the job. */
  hang(): void {
    this.hung = true;
    clearInterval(this.statsTimer);
    // Stay alive until killed even if nothing else holds the event loop open.
    setInterval(() => {}, 1 << 30);
    this.o.log('hung: no more heartbeats, no more results');
  }

  setSlowdown(factor: number): void {
    this.slowdown = factor;
  }

  setUnsafe(on: boolean): void {
    this.unsafe = on;
  }

  sendStats(): Promise<void> | void {
    if (this.hung) return;
    return this.o.send({ type: 'stats', jobsDone: this.jobsDone, rssBytes: process.memoryUsage.rss() });
  }

  private now(): number {
    return (Date.now() - this.o.spec.originMs) / 1000 / this.o.spec.timeScale;
  }

  private wallMs(scenarioSeconds: number): number {
    return scenarioSeconds * this.o.spec.timeScale * 1000;
  }

  private get maxJobs(): number {
    return this.o.scenario.workers.maxJobs ?? Infinity;
  }

  private async lane(): Promise<void> {
    while (!this.stopping && this.claimed < this.maxJobs) {
      if (this.hung) return forever();
      this.claimed++;
      const taken = await this.claimNext();
      if (!taken) {
        this.claimed--;
        await this.idle();
        continue;
      }
      await this.work(taken.job, taken.unsafe, taken.at);
    }
  }

  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const poll = this.o.scenario.workers.pollInterval;
    const ms = poll > 0 ? this.wallMs(poll) : Math.min(IDLE_MAX_MS, Math.max(IDLE_MIN_MS, this.wallMs(IDLE_SCENARIO_SECONDS)));
    return this.wakeableSleep(ms);
  }

  private wakeableSleep(ms: number): Promise<void> {
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

  private async claimNext(): Promise<{ job: ClaimedJob; unsafe: boolean; at: number } | null> {
    for (;;) {
      const options: ClaimOptions = { worker: this.o.spec.name, queues: this.queues, now: this.now(), leaseSeconds: this.leaseSeconds };
      try {
        // A plain read first: is anything due? Only then take the write lock.
        const seen = this.o.store.unsafeRead(options);
        if (!seen) return null;
        if (!this.unsafe) {
          const job = this.o.store.claim(options);
          return job && { job, unsafe: false, at: options.now };
        }
        // Teaching switch: the update trusts a read made a moment ago, so a
        // second worker that read the same row in between takes it too.
        await sleep(this.unsafeWindowMs);
        if (this.stopping || this.hung) return null;
        const at = this.now();
        const job = this.o.store.unsafeWrite(seen, { ...options, now: at });
        return job && { job, unsafe: true, at };
      } catch (error) {
        if (!isBusy(error)) throw error;
        this.busy('claim');
        if (this.stopping || this.hung) return null;
        await sleep(BUSY_RETRY_MS);
      }
    }
  }

  private async work(job: ClaimedJob, unsafe: boolean, startedAt: number): Promise<void> {
    const { name } = this.o.spec;
    void this.o.send({ type: 'claimed', job: job.jobId, attempt: job.attempt, t: startedAt });
    const plan = this.policy.plan(job, startedAt, this.slowdown);
    await this.handler(job, this.wallMs(plan.runFor));
    if (this.hung) return forever();
    const result = await this.write('finish', () => {
      const now = this.now();
      const r =
        plan.outcome === 'succeeded'
          ? this.o.store.complete(job.jobId, name, job.attempt, now, unsafe ? { unsafe: true } : undefined)
          : this.o.store.fail(job.jobId, name, job.attempt, {
              outcome: plan.outcome,
              error: plan.error ?? 'handler failed',
              now,
              retry: this.policy.retry(job, now, plan.retryable),
              ...(plan.retryable ? {} : { reason: plan.error ?? 'not retryable' }),
            });
      return { ok: r.ok, now };
    });
    this.jobsDone++;
    void this.o.send({ type: 'finished', job: job.jobId, attempt: job.attempt, outcome: plan.outcome, accepted: result.ok, t: result.now });
  }

  /** The simulated handler: sleeps the drawn duration, heartbeating (and reporting progress) on the way. */
  private async handler(job: ClaimedJob, wallMs: number): Promise<void> {
    const { name } = this.o.spec;
    const beatMs = Math.max(1, this.wallMs(this.o.scenario.heartbeatInterval));
    const start = performance.now();
    const end = start + wallMs;
    let leased = true;
    for (;;) {
      const left = end - performance.now();
      if (left <= beatMs) {
        // The last stretch: no beat at the very end, the finish follows at once.
        if (left > 0) await sleep(left);
        if (this.hung) return forever();
        return;
      }
      await sleep(beatMs);
      if (this.hung) return forever();
      if (!leased) continue;
      try {
        const now = this.now();
        const beat = this.o.store.heartbeat(job.jobId, name, job.attempt, now, this.leaseSeconds);
        if (!beat.ok) {
          leased = false; // keep working: the fenced finish will say the result is refused
          this.note('lease lost', `job ${job.jobId} attempt ${job.attempt}: lease lost at t=${now.toFixed(2)}; finishing anyway`);
          continue;
        }
        this.o.store.progress(job.jobId, name, Math.min(1, (performance.now() - start) / wallMs));
      } catch (error) {
        if (!isBusy(error)) throw error;
        this.busy('heartbeat'); // skipped; the next one will try again
      }
    }
  }

  /** A write that must land: retried while SQLite stays busy beyond busy_timeout. */
  private async write<T>(what: string, fn: () => T): Promise<T> {
    for (;;) {
      try {
        return fn();
      } catch (error) {
        if (!isBusy(error)) throw error;
        this.busy(what);
        await sleep(BUSY_RETRY_MS);
      }
    }
  }

  private busy(what: string): void {
    this.note(`busy ${what}`, `SQLite stayed busy beyond busy_timeout on ${what}; retrying`);
  }

  /** Logs the first occurrence of a kind of incident; later ones only count (unsafe claims lose leases by the dozen). */
  private note(kind: string, line: string): void {
    const seen = (this.incidents.get(kind) ?? 0) + 1;
    this.incidents.set(kind, seen);
    if (seen === 1) this.o.log(`${line} (further "${kind}" incidents are not logged)`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
