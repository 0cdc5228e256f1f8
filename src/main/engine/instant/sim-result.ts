// What an instant run hands back: plain data (the job table and the
// counters the summary needs), not the simulator, so the summary and the
// simulator do not import each other.
import type { AttemptOutcome } from '../../../shared/job/states.ts';
import type { JobTable } from './job-table.ts';

export interface SimResult {
  jobs: JobTable;
  /** Scenario seconds reached. */
  now: number;
  stoppedEarly: boolean;
  leaseEnabled: boolean;
  deduplicated: number;
  leaseLost: number;
  /** Integral of jobs in the system over time: L = systemArea / duration. */
  systemArea: number;
  outcomes: { byOutcome: Record<AttemptOutcome, number>; processingSeconds: number; ended: number };
  events: number;
  sha256: string;
  cpuMs: number;
}

export { totalJobCapacity } from './job-capacity.ts';
