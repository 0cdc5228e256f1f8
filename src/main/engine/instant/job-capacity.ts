import type { Scenario } from '../../../shared/scenario/schema.ts';

/** Every job a scenario can create: each arrival makes its job and its chain. */
export function totalJobCapacity(scenario: Scenario): number {
  return scenario.producers.reduce((n, p) => n + p.count * (1 + p.then.length), 0);
}
