// A job's identity for its seeded draws (duration, failure, poison, jitter):
// its producer, the job's number among the jobs that producer made, and its
// place in the chain, numbered as if the producers had run one after another.
// It does not depend on timing, so the same job gets the same draws in
// instant mode (which numbers jobs in arrival order) and in live mode (where
// producers race for jobs.seq), and in every run with the same seed. With one
// producer the key equals jobs.seq, re-sends included (a re-send makes no job).
import { hashUniform, STREAM } from '../random/hash-uniform.ts';
import type { ProducerSpec, Scenario } from '../scenario/schema.ts';

export class DrawKeys {
  private readonly base: number[] = [];
  private readonly chain: number[] = [];

  constructor(scenario: Pick<Scenario, 'producers'>) {
    let next = 1;
    for (const p of scenario.producers) {
      this.base.push(next);
      this.chain.push(1 + p.then.length);
      next += p.count * (1 + p.then.length);
    }
  }

  /**
   * @param made     how many jobs the producer made before this one (re-sends make none)
   * @param position 0 for the arrival's own job, 1.. for the jobs chained after it
   */
  of(producer: number, made: number, position = 0): number {
    return this.base[producer]! + made * this.chain[producer]! + position;
  }
}

/** Whether arrival i of a producer re-sends the previous request (same idempotency key): drawn per (producer, arrival). */
export function isResend(seed: number, producer: ProducerSpec, index: number, i: number): boolean {
  return i > 0 && producer.duplicateRate > 0 && hashUniform(seed, STREAM.duplicate, index, i) < producer.duplicateRate;
}

/** How many of a producer's first `arrivals` arrivals made a job (a resumed live run continues from there). */
export function jobsMadeBefore(seed: number, producer: ProducerSpec, index: number, arrivals: number): number {
  let made = 0;
  for (let i = 0; i < arrivals; i++) if (!isResend(seed, producer, index, i)) made++;
  return made;
}
