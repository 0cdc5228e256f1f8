import { describe, expect, it } from 'vitest';
import { crossCheckScenario } from '../../../src/shared/scenario/cross-checks.ts';
import { formatIssue } from '../../../src/shared/scenario/errors.ts';
import { scenarioSchema, type ScenarioInput } from '../../../src/shared/scenario/schema.ts';

/** Cross-check messages for input that passes the schema. */
function check(input: ScenarioInput): string[] {
  return crossCheckScenario(scenarioSchema.parse(input), input).map(formatIssue);
}

describe('cross-checks', () => {
  it('a default scenario and the usual shapes pass', () => {
    expect(check({})).toEqual([]);
    expect(
      check({
        queues: [{ name: 'high', priority: 1 }, { name: 'low' }],
        jobTypes: { email: {}, sms: {} },
        producers: [{ queue: 'high', jobType: 'email', then: ['sms'] }, { queue: 'low', jobType: 'sms' }],
        workers: { count: 2, queues: ['high', 'low'] },
        faults: [{ kind: 'workerCrash', rate: 0.1, worker: 2 }, { kind: 'slowWorker', worker: 2, from: 5, to: 5 }],
      }),
    ).toEqual([]);
  });

  it('unknown job types in producers, chains and faults', () => {
    expect(
      check({
        jobTypes: { email: {}, sms: {} },
        producers: [{ jobType: 'email' }, { jobType: 'emial', then: ['sms', 'pdf'] }],
        faults: [{ kind: 'poison', jobType: 'push', fraction: 0.1 }],
      }),
    ).toEqual([
      'producers[1].jobType: unknown job type "emial"; known: email, sms',
      'producers[1].then[1]: unknown job type "pdf"; known: email, sms',
      'faults[0].jobType: unknown job type "push"; known: email, sms',
    ]);
  });

  it('jobType may be omitted only when there is exactly one job type', () => {
    expect(check({ jobTypes: { email: {} }, producers: [{}] })).toEqual([]);
    expect(check({ jobTypes: { email: {}, sms: {} }, producers: [{ jobType: 'sms' }, {}] })).toEqual([
      'producers[1].jobType: required when there is more than one job type; name one of: email, sms',
    ]);
    // The default producer was never written, so the fix is to write one.
    expect(check({ jobTypes: { email: {}, sms: {} } })).toEqual([
      'producers: missing, and the default producer cannot choose between job types email, sms; add a producers list naming a jobType',
    ]);
    expect(check({ jobTypes: {} })).toEqual(['jobTypes: expected at least one job type, got none']);
  });

  it('unknown and duplicate queues', () => {
    expect(
      check({
        queues: [{ name: 'a' }, { name: 'b' }, { name: 'a' }],
        producers: [{ queue: 'c' }, {}],
        workers: { queues: ['b', 'x', 'b'] },
      }),
    ).toEqual([
      'queues[2].name: duplicate queue name "a" (also queues[0])',
      'producers[0].queue: unknown queue "c"; known: a, b',
      'producers[1].queue: unknown queue "default"; known: a, b (a producer without "queue" uses "default")',
      'workers.queues[1]: unknown queue "x"; known: a, b',
      'workers.queues[2]: queue "b" is listed twice',
    ]);
    expect(check({ queues: [{ name: 'fast' }] })).toEqual([
      'producers: missing, and the default producer\'s queue "default" does not exist (known: fast); add a producers list',
    ]);
    expect(check({ workers: { queues: [] } })).toEqual(['workers.queues: expected at least 1 item, got 0 (omit the key to serve every queue)']);
  });

  it('faults: workers that do not exist, backwards windows, workerCrash at/rate', () => {
    expect(
      check({
        workers: { count: 3 },
        faults: [
          { kind: 'workerCrash', at: 30, worker: 5 },
          { kind: 'outage', jobType: 'work', from: 40, to: 10 },
          { kind: 'slowWorker', worker: 4, from: 1, to: 0.5 },
          { kind: 'lockContention', from: 9, to: 3 },
          { kind: 'workerCrash', worker: 1 },
          { kind: 'workerCrash', at: 1, rate: 0.5 },
          { kind: 'workerHang', at: 1, worker: 9 },
        ],
      }),
    ).toEqual([
      'faults[0].worker: worker 5 does not exist, workers.count is 3',
      'faults[1].to: expected a time >= from (40), got 10',
      'faults[2].worker: worker 4 does not exist, workers.count is 3',
      'faults[2].to: expected a time >= from (1), got 0.5',
      'faults[3].to: expected a time >= from (9), got 3',
      'faults[4]: workerCrash needs exactly one of "at" (a time in seconds) or "rate" (crashes per second), got neither',
      'faults[5]: workerCrash needs exactly one of "at" (a time in seconds) or "rate" (crashes per second), got both',
      'faults[6].worker: worker 9 does not exist, workers.count is 3',
    ]);
  });

  it('uniform duration with max < min', () => {
    expect(check({ jobTypes: { work: { duration: { kind: 'uniform', min: 2, max: 1 } } } })).toEqual([
      'jobTypes.work.duration.max: expected a number >= min (2), got 1',
    ]);
    expect(check({ jobTypes: { work: { duration: { kind: 'uniform', min: 2, max: 2 } } } })).toEqual([]);
  });

  it('total size guard counts chained jobs', () => {
    expect(check({ producers: [{ count: 5_000_000, then: ['work'] }] })).toEqual([]);
    expect(check({ producers: [{ count: 5_000_000, then: ['work'] }, { count: 1 }] })).toEqual([
      'producers: expected at most 10000000 jobs in total (count x (1 + then.length), summed over producers), got 10000001',
    ]);
  });
});
