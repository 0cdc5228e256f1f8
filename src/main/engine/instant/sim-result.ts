import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { Simulation } from './simulation.ts';

export interface SimResult {
  simulation: Simulation;
  events: number;
  sha256: string;
  cpuMs: number;
}

/** Every job a scenario can create: each arrival makes its job and its chain. */
export function totalJobCapacity(scenario: Scenario): number {
  return scenario.producers.reduce((n, p) => n + p.count * (1 + p.then.length), 0);
}
