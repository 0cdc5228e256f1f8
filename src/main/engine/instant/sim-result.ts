// What an instant run hands back: plain data (the job table and the
// counters the summary needs), not the simulator, so the summary and the
// simulator do not import each other.
import type { AttemptOutcome } from '../../../shared/job/states.ts';
import type { JobTable } from './job-table.ts';
import type { DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';

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
  /** What the services did and the defences refused; null without services. */
  downstream: DownstreamCounts | null;
  events: number;
  sha256: string;
  cpuMs: number;
}

export { totalJobCapacity } from './job-capacity.ts';
