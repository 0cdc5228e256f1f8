import { describe, expect, it } from 'vitest';
import { closest, describeValue, formatIssue, formatPath } from '../../../src/shared/scenario/errors.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';

/** Every issue of an invalid scenario as "path: message" lines. */
function lines(data: unknown): string[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.issues.map(formatIssue);
}

describe('formatIssue / formatPath', () => {
  it('joins path and message, naming the root "(root)"', () => {
    expect(formatIssue({ path: 'seed', message: 'x' })).toBe('seed: x');
    expect(formatIssue({ path: '', message: 'x' })).toBe('(root): x');
  });

  it('uses dots for keys and [i] for indexes, quoting keys that would be ambiguous', () => {
    expect(formatPath(['producers', 0, 'arrival', 'kind'])).toBe('producers[0].arrival.kind');
    expect(formatPath(['jobTypes', 'send-email', 'timeout'])).toBe('jobTypes.send-email.timeout');
    expect(formatPath(['jobTypes', 'send email'])).toBe('jobTypes["send email"]');
    expect(formatPath([])).toBe('');
  });

  it('shows values briefly', () => {
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue(1e12)).toBe('1000000000000');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('a list of 2');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue('x'.repeat(100)).length).toBeLessThan(70);
  });
});

describe('closest (did you mean)', () => {
  const keys = ['name', 'seed', 'queues', 'jobTypes', 'producers', 'workers', 'retry'];
  it('forgives a swap, a missing letter, case and separators', () => {
    expect(closest('workres', keys)).toBe('workers');
    expect(closest('producer', keys)).toBe('producers');
    expect(closest('jobtypes', keys)).toBe('jobTypes');
    expect(closest('job_types', keys)).toBe('jobTypes');
  });
  it('does not guess wildly', () => {
    expect(closest('zzzzzz', keys)).toBeUndefined();
    expect(closest('x', keys)).toBeUndefined();
  });
});

describe('schema messages', () => {
  it('integer bounds', () => {
    expect(lines({ workers: { count: -2 } })).toEqual(['workers.count: expected an integer >= 1, got -2']);
    expect(lines({ producers: [{ count: 1e12 }] })).toEqual(['producers[0].count: expected an integer <= 10000000, got 1000000000000']);
  });

  it('number bounds, inclusive and exclusive', () => {
    expect(lines({ jobTypes: { work: { failureRate: 1.5 } } })).toEqual(['jobTypes.work.failureRate: expected a number <= 1, got 1.5']);
    expect(lines({ visibilityTimeout: 0 })).toEqual(['visibilityTimeout: expected a number > 0, got 0']);
    expect(lines({ workers: { pollInterval: -1 } })).toEqual(['workers.pollInterval: expected a number >= 0, got -1']);
  });

  it('reports one bound when zod finds two (safe-integer range and our max)', () => {
    expect(lines({ retry: { maxAttempts: 1e20 } })).toEqual(['retry.maxAttempts: expected an integer <= 1000, got 100000000000000000000']);
  });

  it('wrong types', () => {
    expect(lines({ seed: 'abc' })).toEqual(['seed: expected an integer, got "abc"']);
    expect(lines({ seed: 1.5 })).toEqual(['seed: expected an integer, got 1.5']);
    expect(lines({ name: 42 })).toEqual(['name: expected a string, got 42']);
    expect(lines({ workers: 3 })).toEqual(['workers: expected an object, got 3']);
    expect(lines({ queues: 'default' })).toEqual(['queues: expected a list, got "default"']);
    expect(lines([])).toEqual(['(root): expected an object, got an empty list']);
    expect(lines({ visibilityTimeout: Infinity })).toEqual(['visibilityTimeout: expected a number, got Infinity']);
  });

  it('a missing required key', () => {
    expect(lines({ queues: [{ priority: 1 }] })).toEqual(['queues[0].name: required, missing (expected a string)']);
    expect(lines({ jobTypes: { work: { duration: { kind: 'uniform', min: 1 } } } })).toEqual([
      'jobTypes.work.duration.max: required, missing (expected a number)',
    ]);
  });

  it('an unknown kind lists the kinds', () => {
    expect(lines({ producers: [{ arrival: { kind: 'poison' } }] })).toEqual([
      'producers[0].arrival.kind: expected one of poisson, constant, burst, all-at-once, got "poison"',
    ]);
    expect(lines({ producers: [{ arrival: {} }] })).toEqual([
      'producers[0].arrival.kind: required, missing (expected one of poisson, constant, burst, all-at-once)',
    ]);
    expect(lines({ producers: [{ arrival: 'poisson' }] })).toEqual([
      'producers[0].arrival: expected an object with kind one of poisson, constant, burst, all-at-once, got "poisson"',
    ]);
  });

  it('an enum lists its options', () => {
    expect(lines({ retry: { jitter: 'ful' } })).toEqual(['retry.jitter: expected one of none, full, equal, decorrelated, got "ful"']);
    expect(lines({ workers: { restart: 'sometimes' } })).toEqual(['workers.restart: expected one of always, never, got "sometimes"']);
  });

  it('list and string lengths', () => {
    expect(lines({ queues: [] })).toEqual(['queues: expected at least 1 item, got 0']);
    expect(lines({ queues: [{ name: '' }] })).toEqual(['queues[0].name: expected a non-empty string, got ""']);
    expect(lines({ producers: [{ then: Array(21).fill('work') }] })).toEqual(['producers[0].then: expected at most 20 items, got 21']);
    expect(lines({ jobTypes: { '': {} } })).toEqual(['jobTypes[""]: invalid name: expected a non-empty string, got ""']);
  });
});

describe('unknown keys', () => {
  it('suggests the key that was probably meant', () => {
    expect(lines({ workres: { count: 2 } })).toEqual(['workres: unknown key (did you mean "workers"?)']);
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(lines({ workers: { zzzz: 1 } })).toEqual([
      'workers.zzzz: unknown key (allowed: count, concurrency, queues, pollInterval, maxJobs, maxMemory, restartDelay, restart)',
    ]);
  });

  it('reports one issue per key, at every depth, inside union options too', () => {
    expect(
      lines({
        seeed: 1,
        colour: 'red',
        retry: { backoff: { kind: 'fixed', intial: 2 } },
        jobTypes: { work: { duraton: { kind: 'constant', value: 1 }, retry: { maxAtempts: 2 } } },
        producers: [{ jobtype: 'work', arrival: { kind: 'constant', rate: 1, burst: 2 } }],
        faults: [{ kind: 'workerCrash', at: 1, wroker: 1 }],
      }),
    ).toEqual([
      // In the order they appear in the file.
      'seeed: unknown key (did you mean "seed"?)',
      expect.stringMatching(/^colour: unknown key \(allowed: name, description, .*faults, services, calls, .*adaptiveThrottling\)$/),
      'retry.backoff.intial: unknown key (did you mean "initial"?)',
      'jobTypes.work.duraton: unknown key (did you mean "duration"?)',
      'jobTypes.work.retry.maxAtempts: unknown key (did you mean "maxAttempts"?)',
      'producers[0].jobtype: unknown key (did you mean "jobType"?)',
      'producers[0].arrival.burst: unknown key (allowed: kind, rate)',
      'faults[0].wroker: unknown key (did you mean "worker"?)',
    ]);
  });
});
