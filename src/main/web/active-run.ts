// The live run the web host's REST endpoints act on (the seeds' POST /jobs,
// GET /stats, ...). The live runner hands one over with setActiveRun when it
// starts and takes it back (null) when it ends: `serve --run`, or the LabApi's
// startLive (live-runs.ts).
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
  /** Faults fired by hand (POST /chaos, LabApi `chaos`); absent when this process does not run the workers. */
  chaos?: ChaosControl;
}

/** What a chaos action did; ok: false when nothing was done (detail says why, e.g. the worker is restarting). */
export interface ChaosOutcome {
  ok: boolean;
  detail: string;
}

/**
 * The chaos buttons of a live run (src/main/engine/live/chaos-control.ts
 * implements it on the Supervisor). Workers are numbered from 1 (w1 is 1) and
 * a number outside 1..workers throws a RangeError; seconds are scenario
 * seconds, holdMs wall milliseconds. Each action writes a fault event.
 */
export interface ChaosControl {
  /** Worker slots: w1..w{workers}. */
  readonly workers: number;
  /** False once the run has ended: chaos is then refused. */
  isRunning(): boolean;
  /** SIGKILL mid-job. */
  killWorker(worker: number): ChaosOutcome;
  /** No more heartbeats or results; after `seconds` (null: never) it is killed and replaced. */
  hangWorker(worker: number, seconds: number | null): ChaosOutcome;
  /** Attempts take `factor` times longer; 1 is normal speed again. */
  slowWorker(worker: number, factor: number): ChaosOutcome;
  /** The teaching switch: claim with read-then-update, so two workers can take one job. */
  setUnsafeClaim(on: boolean): ChaosOutcome;
  /** A connection holds SQLite's write lock holdMs at a time, every other holdMs, for `seconds`. */
  lockContention(holdMs: number, seconds: number): ChaosOutcome;
  /** One more worker slot, started now. */
  addWorker(): ChaosOutcome;
  /** Graceful removal of a worker (null: the highest-numbered active one); it is not replaced. */
  removeWorker(worker: number | null): ChaosOutcome;
  /** Attempts of jobType starting in the next `seconds` fail, as a scheduled outage. RangeError for an unknown type. */
  outage(jobType: string, seconds: number): ChaosOutcome;
  /** Service `service` keeps `capacity` of its slots for the next `seconds`. RangeError for an unknown service. */
  dropCapacity(service: string, capacity: number, seconds: number): ChaosOutcome;
  /** Enqueues a job of jobType (null: the first producer's) that fails every attempt. RangeError for an unknown type. */
  poison(jobType: string | null): Promise<ChaosOutcome>;
}
