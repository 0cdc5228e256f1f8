// Failure modes of workers and leases: a crash the visibility timeout
// repairs, stuck jobs when there is no visibility timeout, double processing
// from an unsafe claim, and a graceful stop next to a kill -9.
import type { BuiltinScenario } from '../builtin-scenario.ts';
import type { ScenarioInput } from '../../scenario/schema.ts';

export const workerCrashRecovery: BuiltinScenario = {
  key: 'worker-crash-recovery',
  title: 'Worker crash and visibility-timeout recovery',
  source: 'failure mode',
  teaches: 'A crashed worker\'s job is not lost: its lease expires after the visibility timeout and another worker takes it.',
  notice: 'Workers crash at random (rate 1 per 100 s each). In the Event log every worker_crashed is followed, up to 30 s later, by a "recovered" event for its job; attempts show outcome "crashed", yet every job ends succeeded and lost is 0.',
  scenario: {
    name: 'Worker crash and recovery',
    seed: 21,
    jobTypes: { work: { duration: { kind: 'exponential', mean: 2 } } },
    producers: [{ count: 1000, arrival: { kind: 'poisson', rate: 1.2 } }],
    workers: { count: 3, restartDelay: 2 },
    visibilityTimeout: 30,
    retry: { maxAttempts: 5 },
    faults: [{ kind: 'workerCrash', rate: 0.01 }],
  },
};

export const stuckJobsNoVisibilityTimeout: BuiltinScenario = {
  key: 'stuck-jobs-no-visibility-timeout',
  title: 'Stuck jobs with no visibility timeout',
  source: 'failure mode',
  teaches: 'A claim marks a job "processing"; if nothing ever takes that mark back, a worker that hangs or dies mid-job leaves its job processing forever, and nobody notices because no error is raised.',
  notice: 'Worker 2 hangs at t=26 s and worker 3 is killed at t=50 s. Their two jobs stay in "processing" on the flow board until the end: the summary counts them as lost (2). Delete the noVisibilityTimeout fault and run again: both are recovered 60 s later and lost is 0.',
  scenario: {
    name: 'Stuck jobs (no visibility timeout)',
    seed: 8,
    jobTypes: { work: { duration: { kind: 'uniform', min: 2, max: 6 } } },
    producers: [{ count: 300, arrival: { kind: 'poisson', rate: 0.4 } }],
    workers: { count: 3, restartDelay: 2 },
    visibilityTimeout: 60,
    faults: [
      { kind: 'workerHang', at: 26, worker: 2 },
      { kind: 'workerCrash', at: 50, worker: 3 },
      { kind: 'noVisibilityTimeout' },
    ],
  },
};

export const unsafeClaim: BuiltinScenario = {
  key: 'double-processing-unsafe-claim',
  title: 'Double processing with an unsafe claim',
  source: 'failure mode',
  teaches: 'A claim that reads a pending job and then updates it in a second step lets two workers take the same job in between; an atomic claim (row lock, UPDATE ... RETURNING) cannot.',
  notice: 'Look at "duplicates" in the stats and at completed_again events in the Event log: the same job succeeded on two workers. Delete the unsafeClaim fault and run again: duplicates is 0.',
  scenario: {
    name: 'Double processing (unsafe claim)',
    seed: 13,
    jobTypes: { send_email: { duration: { kind: 'exponential', mean: 1 } } },
    producers: [{ jobType: 'send_email', count: 1000, arrival: { kind: 'poisson', rate: 6 } }],
    workers: { count: 8, pollInterval: 0.5 },
    faults: [{ kind: 'unsafeClaim', window: 0.05 }],
  },
};

// The pair shares everything but how the worker stops. The instant engine has
// no stop signal, so the graceful side is --max-jobs: the worker finishes the
// job in hand, exits, and the supervisor starts it again, which is exactly
// what a SIGTERM (or queue:restart on deploy) does to one worker.
function shutdown(name: string): ScenarioInput {
  return {
    name,
    seed: 99,
    jobTypes: { encode_video: { duration: { kind: 'uniform', min: 5, max: 15 } } },
    producers: [{ jobType: 'encode_video', count: 120, arrival: { kind: 'poisson', rate: 0.25 } }],
    workers: { count: 3, restartDelay: 2 },
    visibilityTimeout: 60,
    heartbeatInterval: 5,
  };
}

export const shutdownGraceful: BuiltinScenario = {
  key: 'shutdown-graceful',
  twin: 'shutdown-kill-9',
  title: 'Graceful shutdown: finish the job, then exit',
  source: 'failure mode',
  teaches: 'A worker told to stop (SIGTERM, a deploy) finishes the job in hand and only then exits, so no job is interrupted and none waits for a lease. Here each worker stops after 10 jobs (--max-jobs) and is restarted 2 s later. In a live run, the chaos panel\'s Remove button stops a real worker process the same way (it finishes its job, and is not replaced).',
  notice: 'worker_recycled events in the Event log, no attempt with outcome "crashed", no "recovered" event, and every job\'s total time stays close to its run time. Compare with shutdown-kill-9.',
  scenario: { ...shutdown('Graceful shutdown'), workers: { count: 3, restartDelay: 2, maxJobs: 10 } },
};

export const shutdownKill9: BuiltinScenario = {
  key: 'shutdown-kill-9',
  twin: 'shutdown-graceful',
  title: 'kill -9: the job in hand waits for its lease',
  source: 'failure mode',
  teaches: 'A worker killed with SIGKILL cannot finish or give back its job: the job stays "processing" until its lease (visibility timeout, 60 s) expires, then runs again from the start. In a live run, the Kill button does this to a real process.',
  notice: 'Worker 1 is killed at t=60 s mid-job. That job\'s attempt 1 ends "crashed", a "recovered" event comes up to 60 s later, and its total time is over a minute while the others take seconds. Compare with shutdown-graceful.',
  scenario: { ...shutdown('kill -9'), faults: [{ kind: 'workerCrash', at: 60, worker: 1 }] },
};
