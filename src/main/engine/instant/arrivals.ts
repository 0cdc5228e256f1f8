// When each producer's next job arrives. Poisson gaps come from the seeded
// hash per (producer, arrival number), so adding a producer does not shift
// the arrivals of the others.
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { exponentialSample } from '../../../shared/random/distributions.ts';
import type { ProducerSpec } from '../../../shared/scenario/schema.ts';

/** Scenario time of arrival number i (0-based), given the previous arrival's time. */
export function nextArrival(seed: number, producer: ProducerSpec, index: number, i: number, previous: number): number {
  const a = producer.arrival;
  switch (a.kind) {
    case 'all-at-once':
      return producer.start;
    case 'constant':
      return producer.start + i / a.rate;
    case 'burst':
      return producer.start + Math.floor(i / a.size) * a.every;
    case 'poisson':
      return (i === 0 ? producer.start : previous) + exponentialSample(1 / a.rate, hashUniform(seed, STREAM.arrival, index, i));
  }
}
