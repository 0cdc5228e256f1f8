// Limits on what one request may ask of a host that others share (a class
// on one lab host, a browser tab next to the desktop window): a live run
// forks a process per worker, and an instant run holds the host's event
// loop until it is done (about 3 s per million jobs here), so without caps
// one call could fork hundreds of processes or freeze every connection.
// The CLI runs what is larger: it blocks only the user who asked.
import type { Scenario } from '../scenario/schema.ts';

/** Live worker processes per run, add_worker included. */
export const MAX_LIVE_WORKERS = 64;
/** Jobs of an instant run started through the LabApi (in the host's process). */
export const MAX_API_INSTANT_JOBS = 1_000_000;

/** Jobs a scenario enqueues: each producer's count, once more for each job it chains (`then`). */
export function totalJobsOf(s: Pick<Scenario, 'producers'>): number {
  return s.producers.reduce((sum, p) => sum + p.count * (1 + p.then.length), 0);
}

/** Why a live run of `workers` workers is refused, or null. */
export function liveWorkersProblem(workers: number): string | null {
  return workers > MAX_LIVE_WORKERS ? `at most ${MAX_LIVE_WORKERS} live workers per run (each is a process), got ${workers}` : null;
}

/** Why an instant run of this scenario is refused in the host, or null. */
export function apiInstantProblem(s: Pick<Scenario, 'producers'>): string | null {
  const jobs = totalJobsOf(s);
  if (jobs <= MAX_API_INSTANT_JOBS) return null;
  return (
    `at most ${MAX_API_INSTANT_JOBS.toLocaleString('en-US')} jobs in an instant run started here (it would hold the host for everyone connected), ` +
    `got ${jobs.toLocaleString('en-US')}; run it with \`queue-lab run FILE\``
  );
}
