// The keys the form edits: the ones a what-if question usually changes
// ("6 workers instead of 3?", "what if no jitter?"). Everything else is in
// the YAML text.
import { readAt, type ParsedYaml } from './yaml-paths.ts';

export interface FormField {
  /** Scenario path, as validation issues name it. */
  path: string;
  label: string;
  unit?: string;
  kind: 'integer' | 'number' | 'choice';
  choices?: readonly string[];
  min?: number;
  max?: number;
  step?: number;
  /** Shown when the key is missing from the file. */
  defaultValue: number | string;
}

/** The form for this text: paths follow the file's first job type and its first producer's arrival. */
export function formFields(parsed: ParsedYaml): FormField[] {
  const jobTypes = readAt(parsed, 'jobTypes');
  const jobType = jobTypes && typeof jobTypes === 'object' ? (Object.keys(jobTypes)[0] ?? 'work') : 'work';
  const arrivalKind = readAt(parsed, 'producers.0.arrival.kind');
  const fields: FormField[] = [
    { path: 'producers.0.count', label: 'Jobs', unit: 'jobs', kind: 'integer', min: 0, step: 1, defaultValue: 100 },
  ];
  if (arrivalKind === 'poisson' || arrivalKind === 'constant' || arrivalKind === undefined) {
    fields.push({ path: 'producers.0.arrival.rate', label: `Arrival rate (${String(arrivalKind ?? 'poisson')})`, unit: 'jobs/s', kind: 'number', min: 0, step: 0.1, defaultValue: 1 });
  }
  fields.push(
    { path: 'workers.count', label: 'Workers', unit: 'processes', kind: 'integer', min: 1, max: 1000, step: 1, defaultValue: 3 },
    { path: 'workers.concurrency', label: 'Concurrency', unit: 'jobs per worker', kind: 'integer', min: 1, max: 1000, step: 1, defaultValue: 1 },
    { path: `jobTypes.${jobType}.failureRate`, label: `Failure rate (${jobType})`, unit: 'per attempt, 0–1', kind: 'number', min: 0, max: 1, step: 0.01, defaultValue: 0 },
    { path: 'retry.maxAttempts', label: 'Max attempts', unit: 'incl. the first', kind: 'integer', min: 1, max: 1000, step: 1, defaultValue: 3 },
    { path: 'retry.backoff.kind', label: 'Backoff', kind: 'choice', choices: ['fixed', 'linear', 'exponential'], defaultValue: 'exponential' },
    { path: 'retry.backoff.initial', label: 'Backoff initial', unit: 's', kind: 'number', min: 0, step: 0.5, defaultValue: 1 },
    { path: 'retry.backoff.factor', label: 'Backoff factor', unit: '×', kind: 'number', min: 1, step: 0.5, defaultValue: 2 },
    { path: 'retry.backoff.max', label: 'Backoff max', unit: 's', kind: 'number', min: 0, step: 1, defaultValue: 300 },
    { path: 'retry.jitter', label: 'Jitter', kind: 'choice', choices: ['none', 'full', 'equal', 'decorrelated'], defaultValue: 'full' },
    { path: 'visibilityTimeout', label: 'Visibility timeout', unit: 's', kind: 'number', min: 0, step: 1, defaultValue: 60 },
  );
  return fields;
}

/** Issues that belong to this field: its own path or a key inside it. */
export function issuesFor<T extends { path: string }>(field: FormField, issues: readonly T[]): T[] {
  return issues.filter((i) => i.path === field.path || i.path.startsWith(`${field.path}.`));
}
