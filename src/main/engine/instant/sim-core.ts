// The state of an instant run and the primitives every part of the
// simulation uses: scheduling a future event, moving a job between states
// (with its event), and handing finished jobs to the recorder.
import { faultsForJobType, type JobTypeFaults } from '../../../shared/sim/attempt-draw.ts';
import { resolveRetryPolicy } from '../../../shared/retry/backoff.ts';
import { FINAL_STATES, JOB_STATES, STATE_CODE, type AttemptOutcome, type JobState } from '../../../shared/job/states.ts';
import type { EventKind } from '../../../shared/events.ts';
import type { Reason, TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import { callsAfterOne, downstreamLimitsOf, refused, windowOf, type DownstreamLimit } from '../../../shared/limits/downstream-quota.ts';
import { DrawKeys } from '../../../shared/sim/draw-key.ts';
import type { JobTypeSpec, RetryPolicy, Scenario } from '../../../shared/scenario/schema.ts';
import type { AttemptRecord, RunRecorder } from '../recorder/run-recorder.ts';
import { JobTable } from './job-table.ts';
import { MinHeap } from './min-heap.ts';
import { ReadyQueues } from './ready-queues.ts';
import { Ev, eventBefore, isProgress, type SimEvent } from './sim-events.ts';
import { Snapshots } from './snapshots.ts';
import { WorkerPool } from './worker-pool.ts';
import { Batches } from './batches.ts';
import { totalJobCapacity } from './job-capacity.ts';


export const S = STATE_CODE;

export interface SimulationOptions {
  /** Called now and then with the share of jobs that reached a final state. */
  onProgress?: (done: number, total: number, t: number) => void;
}

export abstract class SimCore {
  readonly jobs: JobTable;
  protected readonly queues: ReadyQueues;
  protected readonly pool: WorkerPool;
  protected readonly batches: Batches;
  protected readonly snapshots = new Snapshots();
  protected readonly future = new MinHeap<SimEvent>(eventBefore);
  protected readonly counts = new Array<number>(JOB_STATES.length).fill(0);
  protected readonly typeNames: string[];
  protected readonly typeSpecs: JobTypeSpec[];
  protected readonly typeFaults: JobTypeFaults[];
  protected readonly typeRetry: RetryPolicy[];
  protected readonly queueNames: string[];
  protected readonly producerType: number[];
  protected readonly producerQueue: number[];
  protected readonly producerArrivals: number[];
  /** Per job type: its downstream limits and, per limit, the window counted and the calls made in it. */
  protected readonly downstreamLimits: { limits: DownstreamLimit[]; window: (number | null)[]; used: number[] }[];
  protected readonly drawKeys: DrawKeys;
  protected readonly seed: number;
  readonly leaseEnabled: boolean;
  /** Attempts by outcome, and the worker time spent on attempts that ended. */
  readonly outcomes = {
    byOutcome: { succeeded: 0, failed: 0, timeout: 0, crashed: 0, lost: 0 },
    processingSeconds: 0,
    ended: 0,
  };
  /** Integral of jobs in the system over time: L = systemArea / duration. */
  systemArea = 0;
  protected order = 0;
  protected progressEvents = 0;
  protected arrivalsLeft = 0;
  protected active = 0;
  protected finalized = 0;
  now = 0;
  deduplicated = 0;
  leaseLost = 0;
  stoppedEarly = false;

  constructor(
    protected readonly scenario: Scenario,
    protected readonly recorder: RunRecorder,
    protected readonly options: SimulationOptions = {},
  ) {
    this.seed = scenario.seed;
    this.typeNames = Object.keys(scenario.jobTypes);
    this.typeSpecs = this.typeNames.map((n) => scenario.jobTypes[n]!);
    this.typeFaults = this.typeNames.map((n) => faultsForJobType(n, scenario.faults));
    this.typeRetry = this.typeSpecs.map((t) => resolveRetryPolicy(scenario.retry, t.retry));
    this.queueNames = scenario.queues.map((q) => q.name);
    this.jobs = new JobTable(totalJobCapacity(scenario));
    this.queues = new ReadyQueues(scenario.queues, this.jobs);
    this.pool = new WorkerPool(scenario, this.queueNames);
    this.batches = new Batches(recorder);
    this.producerType = scenario.producers.map((p) => this.typeIndex(p.jobType ?? this.typeNames[0]!));
    this.producerQueue = scenario.producers.map((p) => this.queueNames.indexOf(p.queue));
    this.producerArrivals = scenario.producers.map(() => 0);
    this.leaseEnabled = !scenario.faults.some((f) => f.kind === 'noVisibilityTimeout');
    const limits = downstreamLimitsOf(scenario.faults);
    this.downstreamLimits = this.typeNames.map((n) => {
      const mine = limits.get(n) ?? [];
      return { limits: mine, window: mine.map(() => null), used: mine.map(() => 0) };
    });
    this.drawKeys = new DrawKeys(scenario);
  }

  protected schedule(t: number, kind: Ev, a: number, b = 0): void {
    if (isProgress(kind)) this.progressEvents++;
    // Handled events are reused: a million-job run schedules millions.
    const ev = this.spare.pop();
    if (ev) {
      ev.t = t;
      ev.order = this.order++;
      ev.kind = kind;
      ev.a = a;
      ev.b = b;
      this.future.push(ev);
    } else {
      this.future.push({ t, order: this.order++, kind, a, b });
    }
  }

  protected readonly spare: SimEvent[] = [];
  /** The attempt a dead or hung worker left behind, by job, until its lease expires. */
  protected readonly abandoned = new Map<number, AttemptRecord>();

  protected emit(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null,
    outcome: AttemptOutcome | null = null, reason: Reason | null = null,
  ): void {
    this.recorder.event(t, job, kind, from, to, worker, detail, outcome, reason);
  }

  /** An event a lifecycle decision describes, now. */
  protected emitDecided(job: number | null, e: TransitionEvent, worker: string | null): void {
    this.recorder.event(this.now, job, e.kind, e.from, e.to, worker, e.detail, e.outcome, e.reason);
  }

  protected move(job: number, to: number): void {
    this.counts[this.jobs.state[job]!]!--;
    this.counts[to]!++;
    this.jobs.state[job] = to;
  }

  /** Spends one downstream call of a job type; true when a limit refuses it (429). */
  protected downstreamRejects(type: number): boolean {
    const d = this.downstreamLimits[type]!;
    if (d.limits.length === 0) return false;
    return refused(d.limits, (lim, i) => {
      const window = windowOf(lim, this.now);
      d.used[i] = callsAfterOne(window, d.window[i]!, d.used[i]!);
      d.window[i] = window;
      return d.used[i]!;
    });
  }

  protected writeJob(j: number, deadReason: string | null): void {
    const jobs = this.jobs;
    const open = jobs.openAttempts.get(j) ?? [];
    // A finished job may still have a second, doubled attempt running (unsafe
    // claim): that one is handed over when it ends (handOverLateAttempt).
    const final = FINAL_STATES.has(JOB_STATES[jobs.state[j]!]!);
    const attempts = final ? open.filter((a) => a.outcome !== null) : open;
    const running = final ? open.filter((a) => a.outcome === null) : [];
    if (running.length) jobs.openAttempts.set(j, running);
    else jobs.openAttempts.delete(j);
    jobs.written[j] = 1;
    if (!this.recorder.storesRows) return;
    const finished = jobs.finishedAt[j]!;
    const firstClaim = jobs.firstClaimAt[j]!;
    this.recorder.job(
      {
        seq: j, queue: this.queueNames[jobs.queue[j]!]!, type: this.typeNames[jobs.type[j]!]!, state: JOB_STATES[jobs.state[j]!]!,
        priority: jobs.priority[j]!, attempts: jobs.attempts[j]!, maxAttempts: this.typeRetry[jobs.type[j]!]!.maxAttempts,
        payload: null, idempotencyKey: jobs.idempotencyKey.get(j) ?? null, enqueuedAt: jobs.enqueuedAt[j]!, dueAt: jobs.dueAt[j]!,
        firstClaimedAt: Number.isNaN(firstClaim) ? null : firstClaim, finishedAt: Number.isNaN(finished) ? null : finished,
        parentSeq: jobs.parent[j]! > 0 ? jobs.parent[j]! : null, batch: jobs.batch[j]! > 0 ? jobs.batch[j]! - 1 : null,
        lastError: jobs.lastError(j), cancelReason: jobs.cancelReason.get(j) ?? null, completions: jobs.completions[j]!,
        drawKey: jobs.drawKey[j]!,
      },
      attempts,
      deadReason === null ? null : { reason: deadReason, diedAt: this.now, errors: jobs.errors.get(j) ?? [] },
    );
  }

  /** An attempt that ended after its job was written. */
  protected handOverLateAttempt(j: number, attempt: AttemptRecord, extraCompletion: boolean): void {
    const open = this.jobs.openAttempts.get(j);
    if (!open?.includes(attempt)) return;
    open.splice(open.indexOf(attempt), 1);
    if (open.length === 0) this.jobs.openAttempts.delete(j);
    this.recorder.lateAttempt(j, attempt, extraCompletion);
  }

  /** Jobs still open when the run ends are written as they stand, and so are attempts still running. */
  protected finishOpenJobs(): void {
    for (let j = 1; j <= this.jobs.size; j++) if (!this.jobs.written[j]) this.writeJob(j, null);
    for (const [j, attempts] of [...this.jobs.openAttempts]) for (const a of [...attempts]) this.handOverLateAttempt(j, a, false);
  }


  protected typeIndex(name: string): number {
    const i = this.typeNames.indexOf(name);
    if (i < 0) throw new Error(`unknown job type ${name}`);
    return i;
  }

  /** State counts right now, by name. */
  stateCounts(): Record<JobState, number> {
    return Object.fromEntries(JOB_STATES.map((s, i) => [s, this.counts[i]!])) as Record<JobState, number>;
  }
}
