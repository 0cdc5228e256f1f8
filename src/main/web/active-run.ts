// The live run the web host's REST endpoints act on (the seeds' POST /jobs,
// GET /stats, ...). The live runner hands one over with setActiveRun when it
// starts and takes it back (null) when it ends; the host never starts runs.
import type { Scenario } from '../../shared/scenario/schema.ts';
import type { QueueStore } from '../engine/store/queue-store.ts';

export interface ActiveRun {
  runId: string;
  /** The run's store: enqueues and dead-letter actions go through it. */
  store: QueueStore;
  /** The resolved scenario: which job types and queues a POST /jobs may name. */
  scenario: Scenario;
  /** The run's scenario clock, in scenario seconds (what `now` means to the store). */
  now(): number;
}
