// Rules that span more than one key, checked after the schema has passed (so
// every value already has its type and its default). Each rule adds issues
// instead of stopping, so a file shows all of its mistakes at once.
import { totalJobsOf } from '../live/run-caps.ts';
import { MAX_JOBS_PER_PRODUCER, type FaultSpec, type Scenario } from './schema.ts';
import { formatPath, type ScenarioIssue } from './errors.ts';
import { checkOverload } from './overload-checks.ts';

/** Upper bound on all jobs of a run (chained jobs included), the same budget as one producer. */
export const MAX_JOBS_PER_RUN = MAX_JOBS_PER_PRODUCER;

type Path = readonly (string | number)[];

function names(list: Iterable<string>): string {
  const all = [...list];
  return all.length === 0 ? '(none)' : all.join(', ');
}

/**
 * `raw` is what the user wrote (before defaults). It only sharpens messages:
 * a missing `producers` list means the default producer, which the user never
 * wrote and so cannot fix in place.
 */
export function crossCheckScenario(s: Scenario, raw: unknown = undefined): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: Path, message: string) => issues.push({ path: formatPath(path), message });
  const wroteProducers = raw !== null && typeof raw === 'object' && 'producers' in raw && (raw as Record<string, unknown>)['producers'] !== undefined;

  // Queues: names are how producers and workers refer to them, so they must be unique.
  const queueNames = new Set<string>();
  const firstIndex = new Map<string, number>();
  s.queues.forEach((q, i) => {
    const first = firstIndex.get(q.name);
    if (first !== undefined) add(['queues', i, 'name'], `duplicate queue name "${q.name}" (also queues[${first}])`);
    else firstIndex.set(q.name, i);
    queueNames.add(q.name);
  });

  // Job types.
  const jobTypeNames = Object.keys(s.jobTypes);
  const knownTypes = `known: ${names(jobTypeNames)}`;
  if (jobTypeNames.length === 0) add(['jobTypes'], 'expected at least one job type, got none');
  for (const [name, type] of Object.entries(s.jobTypes)) {
    const d = type.duration;
    if (d.kind === 'uniform' && d.max < d.min) {
      add(['jobTypes', name, 'duration', 'max'], `expected a number >= min (${d.min}), got ${d.max}`);
    }
  }

  // Producers.
  const totalJobs = totalJobsOf(s);
  s.producers.forEach((p, i) => {
    if (!queueNames.has(p.queue)) {
      if (!wroteProducers) {
        add(['producers'], `missing, and the default producer's queue "${p.queue}" does not exist (known: ${names(queueNames)}); add a producers list`);
      } else {
        const hint = p.queue === 'default' ? ' (a producer without "queue" uses "default")' : '';
        add(['producers', i, 'queue'], `unknown queue "${p.queue}"; known: ${names(queueNames)}${hint}`);
      }
    }
    if (p.jobType === undefined) {
      if (jobTypeNames.length > 1) {
        if (!wroteProducers) add(['producers'], `missing, and the default producer cannot choose between job types ${names(jobTypeNames)}; add a producers list naming a jobType`);
        else add(['producers', i, 'jobType'], `required when there is more than one job type; name one of: ${names(jobTypeNames)}`);
      }
    } else if (!(p.jobType in s.jobTypes)) {
      add(['producers', i, 'jobType'], `unknown job type "${p.jobType}"; ${knownTypes}`);
    }
    p.then.forEach((next, j) => {
      if (!(next in s.jobTypes)) add(['producers', i, 'then', j], `unknown job type "${next}"; ${knownTypes}`);
    });
  });
  if (totalJobs > MAX_JOBS_PER_RUN) {
    add(['producers'], `expected at most ${MAX_JOBS_PER_RUN} jobs in total (count x (1 + then.length), summed over producers), got ${totalJobs}`);
  }

  // Workers.
  const served = s.workers.queues;
  if (served !== undefined) {
    if (served.length === 0) add(['workers', 'queues'], 'expected at least 1 item, got 0 (omit the key to serve every queue)');
    const seen = new Set<string>();
    served.forEach((q, j) => {
      if (!queueNames.has(q)) add(['workers', 'queues', j], `unknown queue "${q}"; known: ${names(queueNames)}`);
      else if (seen.has(q)) add(['workers', 'queues', j], `queue "${q}" is listed twice`);
      seen.add(q);
    });
  }

  s.faults.forEach((f, i) => checkFault(f, ['faults', i], s, add, knownTypes));
  checkOverload(s, add);
  return issues;
}

function checkFault(f: FaultSpec, at: Path, s: Scenario, add: (path: Path, message: string) => void, knownTypes: string): void {
  if ('jobType' in f && !(f.jobType in s.jobTypes)) add([...at, 'jobType'], `unknown job type "${f.jobType}"; ${knownTypes}`);
  if ('worker' in f && f.worker !== undefined && f.worker > s.workers.count) {
    add([...at, 'worker'], `worker ${f.worker} does not exist, workers.count is ${s.workers.count}`);
  }
  if ('from' in f && f.to < f.from) add([...at, 'to'], `expected a time >= from (${f.from}), got ${f.to}`);
  if (f.kind === 'workerCrash') {
    const hasAt = f.at !== undefined;
    const hasRate = f.rate !== undefined;
    if (hasAt === hasRate) {
      add(at, `workerCrash needs exactly one of "at" (a time in seconds) or "rate" (crashes per second), got ${hasAt ? 'both' : 'neither'}`);
    }
  }
}
