// Enqueues a live run's jobs when they arrive: the same arrival times as
// instant mode (the same seeded gaps), the same re-sends with idempotency
// keys, chains and batches, but through the real store, in wall time.
import { resolveRetryPolicy } from '../../../shared/retry/backoff.ts';
import type { ProducerSpec, Scenario } from '../../../shared/scenario/schema.ts';
import { DrawKeys, isResend, jobsMadeBefore } from '../../../shared/sim/draw-key.ts';
import { nextArrival } from '../instant/arrivals.ts';
import type { SqliteQueueStore } from '../store/queue-store.ts';
import type { DB } from '../store/open-database.ts';
import type { LiveClock } from './live-clock.ts';

/**
 * Arrivals per write transaction: one commit for thousands of jobs, yet short
 * enough (a few ms) that the workers' claims get the lock in between.
 */
const BULK = 2000;

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

  /** @param resumeFrom per producer, the arrival to start at (a resumed run has made the earlier ones) */
  constructor(
    private readonly scenario: Scenario,
    private readonly store: SqliteQueueStore,
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

  /** Where each producer of a stored live run got to: its last enqueued arrival + 1. */
  static progressOf(db: DB, runId: string, producers: number): number[] {
    const rows = db
      .prepare<[string], { producer: number; n: number }>(
        `SELECT payload ->> '$.producer' AS producer, MAX(payload ->> '$.n') AS n
           FROM jobs WHERE run_id = ? AND parent_id IS NULL AND json_valid(payload) GROUP BY 1`,
      )
      .all(runId);
    const next = new Array<number>(producers).fill(0);
    for (const r of rows) if (r.producer < producers) next[r.producer] = r.n + 1;
    return next;
  }

  /** True once every producer has enqueued its last job. */
  get done(): boolean {
    return this.streams.length === 0;
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
    if (this.stopped || this.streams.length === 0) return;
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
    const now = Math.max(this.clock.now(), this.floor);
    // A full transaction means more may be due: go on after letting the
    // event loop (worker messages, the run's tick) and the workers' claims in.
    if (this.produce(now)) {
      this.immediate = setImmediate(() => this.tick());
      return;
    }
    if (this.streams.length === 0) return;
    const next = Math.min(...this.streams.map((s) => s.at));
    this.timer = setTimeout(() => this.tick(), Math.min(1000, this.clock.msUntil(next)));
  }

  /** Enqueues up to BULK arrivals due by `now` in one transaction; true if it stopped at BULK. */
  private produce(now: number): boolean {
    // A timer may fire a little early: no write transaction (and no wait for the workers' lock) when nothing is due.
    if (!this.streams.some((s) => s.at <= now)) return false;
    let made = 0;
    this.store.enqueueInBulk(() => {
      for (const s of this.streams) {
        while (made < BULK && s.i < s.producer.count && s.at <= now) {
          this.arrive(s, now);
          made++;
        }
      }
    });
    for (let k = this.streams.length - 1; k >= 0; k--) if (this.streams[k]!.i >= this.streams[k]!.producer.count) this.streams.splice(k, 1);
    return made === BULK;
  }

  private arrive(s: Stream, now: number): void {
    const p = s.producer;
    const duplicate = isResend(this.scenario.seed, p, s.index, s.i);
    // A re-send carries the previous request's key: the store answers with that job.
    const key = p.duplicateRate > 0 ? `p${s.index}-${duplicate ? s.i - 1 : s.i}` : null;
    if (p.batch && s.i % p.batch.size === 0) s.batchId = this.store.createBatch(Math.min(p.batch.size, p.count - s.i));
    const type = p.jobType ?? Object.keys(this.scenario.jobTypes)[0]!;
    const queue = this.scenario.queues.find((q) => q.name === p.queue)!;
    const root = this.store.enqueue({
      queue: p.queue, type, payload: JSON.stringify({ producer: s.index, n: s.i }), priority: p.priority ?? queue.priority,
      maxAttempts: this.maxAttempts(type), now, delay: p.delay, idempotencyKey: key, batchId: s.batchId,
      drawKey: duplicate ? null : this.drawKeys.of(s.index, s.made),
    });
    if (!root.deduplicated) {
      const made = s.made++;
      let parent = root.jobId;
      p.then.forEach((child, k) => {
        parent = this.store.enqueue({
          queue: p.queue, type: child, priority: p.priority ?? queue.priority, maxAttempts: this.maxAttempts(child), now, parentId: parent,
          drawKey: this.drawKeys.of(s.index, made, k + 1),
        }).jobId;
      });
    }
    s.i++;
    if (s.i < p.count) s.at = nextArrival(this.scenario.seed, p, s.index, s.i, s.at);
  }

  private maxAttempts(type: string): number {
    return resolveRetryPolicy(this.scenario.retry, this.scenario.jobTypes[type]!.retry).maxAttempts;
  }
}
