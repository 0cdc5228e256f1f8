// One live worker process's work: `concurrency` async lanes, each claiming a
// due job from the database (through LiveStore: the SQLite file or a
// PostgreSQL server; every call awaited), running the simulated handler (a sleep of the
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
//
// A write that fails for a moment (SQLite busy beyond busy_timeout, a
// PostgreSQL restart or a dropped connection) is tried again with backoff,
// 25 ms doubling to 2 s, until the database answers: the lease may have been
// taken meanwhile, and then the fenced finish refuses the late result.
import type { Scenario } from '../../shared/scenario/schema.ts';
import type { FromWorker } from '../../shared/live/worker-messages.ts';
import type { LiveStore } from '../engine/live/live-store.ts';
import { backoffMs, isTransient } from '../engine/live/transient-error.ts';
import type { ClaimedJob, ClaimOptions, FailInput, FinishedAttempt } from '../engine/store/types.ts';
import { AttemptPolicy, type PlannedAttempt } from './attempt-policy.ts';
import { ServiceClient } from './service-client.ts';
import { PeriodicSamples } from '../engine/live/periodic-samples.ts';
import { forever, IncidentLog, runSimulatedHandler, sleep, WakeableSleeps, type HandlerHost } from './simulated-handler.ts';
import type { WorkerSpec } from './worker-host.ts';

export const IDLE_SCENARIO_SECONDS = 0.05;
export const IDLE_MIN_MS = 2;
export const IDLE_MAX_MS = 20;
/** The unsafe claim's read-to-update gap when the scenario has no unsafeClaim fault to set it (scenario seconds). */
export const DEFAULT_UNSAFE_WINDOW = 0.05;
const STATS_EVERY_MS = 1000;
/** Wall ms under which a job counts as fast enough to take the next ones in a handful. */
export const PREFETCH_FAST_MS = 0.5;
export const PREFETCH_MAX = 32;

/** A finished attempt waiting for its report, and whether the parent hears of it job by job. */
interface Finished extends FinishedAttempt {
  outcome: PlannedAttempt['outcome'];
  announce: boolean;
}

export type WorkerEnd = 'stopped' | 'maxJobs';

export interface LiveWorkerOptions {
  spec: WorkerSpec;
  scenario: Scenario;
  store: LiveStore;
  send(message: FromWorker): Promise<void> | void;
  log(line: string): void;
}

export class LiveWorker {
  private stopping = false;
  private hung = false;
  private slowdown = 1;
  private originMs: number;
  private unsafe: boolean;
  private readonly unsafeWindowMs: number;
  /** Jobs claimed (reserved before the claim, so lanes never exceed maxJobs together). */
  private claimed = 0;
  private jobsDone = 0;
  private readonly sleeps = new WakeableSleeps();
  private readonly policy: AttemptPolicy;
  /** The run's HTTP services, when its job types call any (README.md "Services"). */
  private readonly services: ServiceClient | null;
  private readonly defenceSamples: PeriodicSamples | null;
  private readonly queues: string[];
  private readonly leaseSeconds: number | null;
  private readonly incidents: IncidentLog;
  private statsTimer: NodeJS.Timeout | undefined;
  private readonly handlerHost: HandlerHost;
  /** A handful must finish well inside the lease of its last job: at most 1/8 of it at PREFETCH_FAST_MS a job. */
  private readonly prefetchMax: number;

  constructor(private readonly o: LiveWorkerOptions) {
    const { scenario, spec } = o;
    this.originMs = spec.originMs;
    this.policy = new AttemptPolicy(scenario, o.store);
    this.services = spec.services ? new ServiceClient(scenario, spec.services, { now: () => this.now(), wallMs: (t) => this.wallMs(t) }) : null;
    const services = this.services;
    // Each worker's own defences over time, for the charts (overload_samples under its name).
    this.defenceSamples = services?.defended
      ? new PeriodicSamples((t) => services.takeSamples(t, spec.name), o.store, { now: () => this.now(), wallMs: (t) => this.wallMs(t) }, o.log)
      : null;
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
    const leaseWallMs = this.leaseSeconds === null ? Infinity : this.wallMs(this.leaseSeconds);
    this.prefetchMax = Math.max(1, Math.min(PREFETCH_MAX, Math.floor(leaseWallMs / 8 / PREFETCH_FAST_MS)));
    this.incidents = new IncidentLog(o.log);
    this.handlerHost = {
      worker: spec.name, store: o.store, leaseSeconds: this.leaseSeconds,
      beatMs: Math.max(1, this.wallMs(scenario.heartbeatInterval)),
      isHung: () => this.hung,
      now: () => this.now(),
      note: (kind, line) => this.incidents.note(kind, line),
    };
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
    this.defenceSamples?.start();
    const lanes = Array.from({ length: this.o.scenario.workers.concurrency }, () => this.lane());
    await Promise.all(lanes);
    clearInterval(this.statsTimer);
    await this.defenceSamples?.stop();
    if (this.hung) return forever();
    return this.stopping ? 'stopped' : 'maxJobs';
  }

  /** Graceful: finish the jobs in hand, claim nothing new. A hung worker does not hear it. */
  stop(): void {
    if (this.hung) return;
    this.stopping = true;
    this.sleeps.wakeAll();
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

  /** The run moved scenario time 0 (it waited for slow-starting workers). */
  setOrigin(originMs: number): void {
    this.originMs = originMs;
    // Idle lanes were waiting for a time 0 that has just come: look now, not after the idle sleep.
    this.sleeps.wakeAll();
  }

  setUnsafe(on: boolean): void {
    this.unsafe = on;
  }

  sendStats(): Promise<void> | void {
    if (this.hung) return;
    return this.o.send({ type: 'stats', jobsDone: this.jobsDone, rssBytes: process.memoryUsage.rss() });
  }

  private now(): number {
    return (Date.now() - this.originMs) / 1000 / this.o.spec.timeScale;
  }

  private wallMs(scenarioSeconds: number): number {
    return scenarioSeconds * this.o.spec.timeScale * 1000;
  }

  private get maxJobs(): number {
    return this.o.scenario.workers.maxJobs ?? Infinity;
  }

  /**
   * One lane: claim, run, report. Results are reported and the next jobs
   * claimed in one transaction (finishAndClaim). While every job of a handful
   * ran in under PREFETCH_FAST_MS wall, the next handful doubles, up to
   * PREFETCH_MAX; one slower job drops it back to 1, so watchable runs take
   * and report one job at a time, as before, and no finished job waits for
   * its report behind a long one.
   */
  private async lane(): Promise<void> {
    let prefetch = 1;
    let inHand: ClaimedJob[] = [];
    let finished: Finished[] = [];
    let slowest = 0;
    let lastShort = true;
    for (;;) {
      if (this.hung) return forever();
      if (inHand.length === 0) {
        const room = this.stopping ? 0 : Math.min(prefetch, this.maxJobs - this.claimed);
        if (room <= 0 || this.unsafe) {
          if (finished.length > 0) finished = await this.report(finished, 0).then(() => []);
          if (room <= 0) return;
          await this.unsafeLane();
          continue;
        }
        const options = this.claimOptions();
        // A plain read first when the last claim came back short: idle workers never queue for the write lock.
        if (lastShort && finished.length === 0 && !(await this.write('look', () => this.o.store.hasDueJob(options)))) {
          await this.idle();
          continue;
        }
        this.claimed += room;
        inHand = await this.report(finished, room, options);
        this.claimed -= room - inHand.length;
        finished = [];
        lastShort = inHand.length < room;
        if (inHand.length === 0) {
          await this.idle();
          continue;
        }
      }
      const job = inHand.shift()!;
      const startedAt = this.now();
      const calls = this.services?.calls(job.type) === true;
      let plan = await this.policy.plan(job, startedAt, this.slowdown);
      // A call takes real time whatever was drawn: never part of a fast handful.
      const wallMs = calls ? Infinity : this.wallMs(plan.runFor);
      if (wallMs > PREFETCH_FAST_MS && finished.length > 0) finished = await this.report(finished, 0).then(() => []);
      const announce = prefetch === 1;
      if (announce) void this.o.send({ type: 'claimed', job: job.jobId, attempt: job.attempt, t: startedAt });
      // The handful grows on what the jobs were planned to take, not on how long
      // they took: a no-op that yields to a busy event loop (or a loaded
      // machine) can take a millisecond and would keep a worker at one job per
      // transaction, the slowest way to drain.
      slowest = Math.max(slowest, wallMs);
      if (calls) plan = await this.callService(job);
      else await runSimulatedHandler(this.handlerHost, job, wallMs);
      if (this.hung) return forever();
      const now = this.now();
      const fail = plan.outcome === 'succeeded' ? null : await this.failure(job, plan, now);
      finished.push({ jobId: job.jobId, attempt: job.attempt, now, fail, outcome: plan.outcome, announce });
      if (inHand.length === 0) {
        prefetch = slowest <= PREFETCH_FAST_MS ? Math.min(this.prefetchMax, prefetch * 2) : 1;
        slowest = 0;
      }
    }
  }

  private claimOptions(): ClaimOptions {
    return { worker: this.o.spec.name, queues: this.queues, now: this.now(), leaseSeconds: this.leaseSeconds };
  }

  private failure(job: ClaimedJob, plan: PlannedAttempt, now: number): Promise<FailInput> {
    return this.write('read history', () => this.policy.failure(job, plan, now, this.services?.gate(job.type) ?? null));
  }

  /** The attempt of a job type that calls a service: the call over HTTP, its answer (or timeout) the attempt's outcome. */
  private async callService(job: ClaimedJob): Promise<PlannedAttempt> {
    const r = await this.services!.attempt(job.type, job.drawKey ?? job.seq, job.attempt);
    return { runFor: 0, outcome: r.outcome, error: r.error, cause: r.cause, retryable: true };
  }

  /** Reports finished attempts and claims up to n more, in one transaction; returns the claimed jobs. */
  private async report(finished: Finished[], n: number, options?: ClaimOptions): Promise<ClaimedJob[]> {
    const r = await this.write('finish', () => this.o.store.finishAndClaim(finished, n, options ?? this.claimOptions()));
    this.jobsDone += finished.length;
    finished.forEach((f, i) => {
      if (f.announce) {
        void this.o.send({ type: 'finished', job: f.jobId, attempt: f.attempt, outcome: f.outcome, accepted: r.results[i]!.ok, t: f.now });
      }
    });
    return r.claimed;
  }

  /** The teaching switch's path: one job at a time, read then update in separate transactions. */
  private async unsafeLane(): Promise<void> {
    this.claimed++;
    const taken = await this.claimUnsafely();
    if (!taken) {
      this.claimed--;
      await this.idle();
      return;
    }
    await this.work(taken.job, taken.at);
  }

  private idle(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const poll = this.o.scenario.workers.pollInterval;
    const ms = poll > 0 ? this.wallMs(poll) : Math.min(IDLE_MAX_MS, Math.max(IDLE_MIN_MS, this.wallMs(IDLE_SCENARIO_SECONDS)));
    return this.sleeps.sleep(ms);
  }

  private async claimUnsafely(): Promise<{ job: ClaimedJob; at: number } | null> {
    for (let n = 0; ; n++) {
      const options = this.claimOptions();
      try {
        const seen = await this.o.store.unsafeRead(options);
        if (!seen) return null;
        // The update trusts a read made a moment ago, so a second worker that
        // read the same row in between takes it too.
        await sleep(this.unsafeWindowMs);
        if (this.stopping || this.hung) return null;
        const at = this.now();
        const job = await this.o.store.unsafeWrite(seen, { ...options, now: at });
        return job && { job, at };
      } catch (error) {
        if (!isTransient(error)) throw error;
        this.busy('claim', error);
        if (this.stopping || this.hung) return null;
        await sleep(backoffMs(n));
      }
    }
  }

  private async work(job: ClaimedJob, startedAt: number): Promise<void> {
    const { name } = this.o.spec;
    void this.o.send({ type: 'claimed', job: job.jobId, attempt: job.attempt, t: startedAt });
    let plan = await this.policy.plan(job, startedAt, this.slowdown);
    if (this.services?.calls(job.type)) plan = await this.callService(job);
    else await runSimulatedHandler(this.handlerHost, job, this.wallMs(plan.runFor));
    if (this.hung) return forever();
    const now = this.now();
    const fail = plan.outcome === 'succeeded' ? null : await this.failure(job, plan, now);
    const result = await this.write('finish', async () => {
      const r = fail ? await this.o.store.fail(job.jobId, name, job.attempt, fail) : await this.o.store.complete(job.jobId, name, job.attempt, now, { unsafe: true });
      return { ok: r.ok, now };
    });
    this.jobsDone++;
    void this.o.send({ type: 'finished', job: job.jobId, attempt: job.attempt, outcome: plan.outcome, accepted: result.ok, t: result.now });
  }

  /** A call that must land: tried again, with backoff, while the database cannot answer (busy, restarting, reconnecting). */
  private async write<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await fn();
      } catch (error) {
        if (!isTransient(error)) throw error;
        this.busy(what, error);
        await sleep(backoffMs(n));
      }
    }
  }

  private busy(what: string, error: unknown): void {
    this.incidents.note(`busy ${what}`, `the database did not answer on ${what} (${(error as Error).message}); retrying`);
  }
}
