// The queues of an instant run: per queue a heap of due jobs, a token bucket
// when the queue is rate limited, and the rule for which job a worker takes
// next (its own queue order if it has one, else best priority across queues,
// like the claim SQL's ORDER BY priority, due_at, id).
import type { QueueSpec } from '../../../shared/scenario/schema.ts';
import { bucketLevel, hasToken, nextTokenAt, type RateLimitSpec } from '../../../shared/limits/token-bucket.ts';
import { MinHeap } from './min-heap.ts';
import type { JobTable } from './job-table.ts';

interface Bucket {
  limit: RateLimitSpec;
  tokens: number;
  refilledAt: number;
  wakeScheduled: boolean;
}

export class ReadyQueues {
  readonly heaps: MinHeap<number>[];
  private readonly buckets: (Bucket | null)[];
  /** Total due jobs waiting across all queues. */
  ready = 0;

  constructor(
    queues: readonly QueueSpec[],
    private readonly jobs: JobTable,
  ) {
    this.heaps = queues.map(() => new MinHeap<number>(jobs.before));
    this.buckets = queues.map((q) =>
      q.rateLimit ? { limit: q.rateLimit, tokens: q.rateLimit.max, refilledAt: 0, wakeScheduled: false } : null,
    );
  }

  push(queue: number, job: number): void {
    this.heaps[queue]!.push(job);
    this.ready++;
  }

  /**
   * The next job for a worker serving `order` (queue indexes), or 0.
   * `ordered` means the worker's own queue order wins over priority.
   * When a queue has work but no token, `onThrottled(queue, at)` says when to look again.
   */
  take(order: readonly number[], ordered: boolean, now: number, onThrottled: (queue: number, at: number) => void): number {
    let best = -1;
    for (const q of order) {
      const top = this.heaps[q]!.peek();
      if (top === undefined || !this.hasToken(q, now, onThrottled)) continue;
      if (ordered) {
        best = q;
        break;
      }
      if (best < 0 || this.jobs.before(top, this.heaps[best]!.peek()!)) best = q;
    }
    if (best < 0) return 0;
    const bucket = this.buckets[best];
    if (bucket) bucket.tokens -= 1;
    this.ready--;
    return this.heaps[best]!.pop()!;
  }

  tokensRefilled(queue: number): void {
    const bucket = this.buckets[queue];
    if (bucket) bucket.wakeScheduled = false;
  }

  private hasToken(q: number, now: number, onThrottled: (queue: number, at: number) => void): boolean {
    const b = this.buckets[q];
    if (!b) return true;
    b.tokens = bucketLevel(b.limit, b.tokens, b.refilledAt, now);
    b.refilledAt = now;
    if (hasToken(b.tokens)) return true;
    if (!b.wakeScheduled) {
      b.wakeScheduled = true;
      onThrottled(q, nextTokenAt(b.limit, b.tokens, now));
    }
    return false;
  }
}
