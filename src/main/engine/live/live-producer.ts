// Enqueues a live run's jobs when they arrive: the same arrival times as
// instant mode (the same seeded gaps), the same re-sends with idempotency
// keys, chains and batches, but through the real store, in wall time. One
// tick's arrivals go to the store in one call (enqueueArrivals): one
// transaction on SQLite, few round trips on a networked store. A call that
// fails for a moment (SQLite busy, PostgreSQL restarting) is sent again on the
// next tick: the arrivals it carried are kept until the store took them.
import { resolveRetryPolicy } from '../../../shared/retry/backoff.ts';
import type { ProducerSpec, Scenario } from '../../../shared/scenario/schema.ts';
import { DrawKeys, isResend, jobsMadeBefore } from '../../../shared/sim/draw-key.ts';
import { nextArrival } from '../instant/arrivals.ts';
import { isTransient } from './transient-error.ts';
import type { LiveClock } from './live-clock.ts';
import type { Arrival, LiveStore } from './live-store.ts';

/**
 * Arrivals per write transaction: one commit for thousands of jobs, yet short
 * enough (a few ms) that the workers' claims get the lock in between.
 */
const BULK = 2000;
/** Wall ms before sending again arrivals the store could not take (it was busy or reconnecting). */
const RETRY_MS = 100;

interface Stream {
  producer: ProducerSpec;
  index: number;
  i: number;
  /** Jobs this producer made so far (re-sends make none): the draw key's index. */
  made: number;
  at: number;
  batchId: number | null;
}

export class LiveProducer {
  private readonly streams: Stream[];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private stopped = false;
  /** Producers race for jobs.seq here; the draw key names a job by producer and arrival instead. */
  private readonly drawKeys: DrawKeys;
  private floor = 0;
  /** Arrivals made but not yet taken by the store (a failed call is sent again). */
  private unsent: Arrival[] = [];
  private ticking = false;
  private retryNoted = false;
  /** Set when the store refused arrivals for good: the run loop ends the run with it. */
  failure: Error | null = null;

  /** @param resumeFrom per producer, the arrival to start at (a resumed run has made the earlier ones) */
  constructor(
    private readonly scenario: Scenario,
    private readonly store: LiveStore,
    private readonly clock: LiveClock,
    resumeFrom: readonly number[] = [],
  ) {
    this.drawKeys = new DrawKeys(scenario);
    this.streams = scenario.producers.flatMap((p, index) => {
      const from = resumeFrom[index] ?? 0;
      if (from >= p.count) return [];
      let at = nextArrival(scenario.seed, p, index, 0, 0);
      for (let i = 1; i <= from; i++) at = nextArrival(scenario.seed, p, index, i, at);
      return [{ producer: p, index, i: from, made: jobsMadeBefore(scenario.seed, p, index, from), at, batchId: null }];
    });
  }

  /** True once every producer has enqueued its last job. */
  get done(): boolean {
    return this.streams.length === 0 && this.unsent.length === 0;
  }

  /**
   * Starts producing. Until the clock's origin is set (the workers are not
   * ready yet) scenario time counts as `floor`: the arrivals due by then, all
   * of an all-at-once producer, are enqueued while the workers boot.
   */
  start(floor = 0): void {
    this.floor = floor;
    this.tick();
  }

  /** The clock's origin moved: what is due now is enqueued at once, and the next wake-up is planned anew. */
  wake(): void {
    if (this.stopped || this.done || this.ticking) return;
    this.clearTimers();
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  private tick(): void {
    this.timer = null;
    this.immediate = null;
    if (this.stopped) return;
    this.ticking = true;
    this.produce(Math.max(this.clock.now(), this.floor)).then(
      (full) => this.planNext(full ? 0 : null),
      (error: unknown) => {
        if (!isTransient(error)) {
          this.failure = error instanceof Error ? error : new Error(String(error));
          this.stop();
          return;
        }
        if (!this.retryNoted) process.stderr.write(`queue-lab: the store could not take new jobs (${(error as Error).message}); retrying\n`);
        this.retryNoted = true;
        this.planNext(RETRY_MS);
      },
    );
  }

  /** After a tick: at once when more is due (ms 0), after ms, or (null) when the next arrival is due. */
  private planNext(ms: number | null): void {
    this.ticking = false;
    if (this.stopped || this.done) return;
    // A full transaction means more may be due: go on after letting the
    // event loop (worker messages, the run's tick) and the workers' claims in.
    if (ms === 0) {
      this.immediate = setImmediate(() => this.tick());
      return;
    }
    const next = this.streams.length > 0 ? Math.min(...this.streams.map((s) => s.at)) : this.clock.now();
    this.timer = setTimeout(() => this.tick(), ms ?? Math.min(1000, this.clock.msUntil(next)));
  }

  /** Enqueues up to BULK arrivals due by `now` in one store call; true if it stopped at BULK. */
  private async produce(now: number): Promise<boolean> {
    if (this.unsent.length > 0) await this.send();
    // A timer may fire a little early: no write transaction (and no wait for the workers' lock) when nothing is due.
    if (!this.streams.some((s) => s.at <= now)) return false;
    let made = 0;
    for (const s of this.streams) {
      while (made < BULK && s.i < s.producer.count && s.at <= now) {
        await this.arrive(s, now);
        made++;
      }
    }
    for (let k = this.streams.length - 1; k >= 0; k--) if (this.streams[k]!.i >= this.streams[k]!.producer.count) this.streams.splice(k, 1);
    await this.send();
    return made === BULK;
  }

  private async send(): Promise<void> {
    await this.store.enqueueArrivals(this.unsent);
    this.unsent = [];
  }

  /** Makes the stream's next arrival (into `unsent`) and moves the stream on. */
  private async arrive(s: Stream, now: number): Promise<void> {
    const p = s.producer;
    const duplicate = isResend(this.scenario.seed, p, s.index, s.i);
    // A re-send carries the previous request's key: the store answers with that job.
    const key = p.duplicateRate > 0 ? `p${s.index}-${duplicate ? s.i - 1 : s.i}` : null;
    if (p.batch && s.i % p.batch.size === 0) s.batchId = await this.store.createBatch(Math.min(p.batch.size, p.count - s.i));
    const type = p.jobType ?? Object.keys(this.scenario.jobTypes)[0]!;
    const queue = this.scenario.queues.find((q) => q.name === p.queue)!;
    const root = {
      queue: p.queue, type, payload: JSON.stringify({ producer: s.index, n: s.i }), priority: p.priority ?? queue.priority,
      maxAttempts: this.maxAttempts(type), now, delay: p.delay, idempotencyKey: key, batchId: s.batchId,
      drawKey: duplicate ? null : this.drawKeys.of(s.index, s.made),
    };
    // A re-send is deduplicated by its key, and the chain follows only a job
    // that was made: the store skips it after a deduplicated root.
    const made = duplicate ? s.made : s.made++;
    const chain = p.then.map((child, k) => ({
      queue: p.queue, type: child, priority: p.priority ?? queue.priority, maxAttempts: this.maxAttempts(child), now,
      drawKey: this.drawKeys.of(s.index, made, k + 1),
    }));
    this.unsent.push({ root, chain });
    s.i++;
    if (s.i < p.count) s.at = nextArrival(this.scenario.seed, p, s.index, s.i, s.at);
  }

  private maxAttempts(type: string): number {
    return resolveRetryPolicy(this.scenario.retry, this.scenario.jobTypes[type]!.retry).maxAttempts;
  }
}
