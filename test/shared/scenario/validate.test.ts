import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { formatIssue } from '../../../src/shared/scenario/errors.ts';
import { scenarioSchema, type Scenario } from '../../../src/shared/scenario/schema.ts';
import { parseScenarioText, resolveJobType, validateScenario, type ValidationResult } from '../../../src/shared/scenario/validate.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/scenarios/${name}`, import.meta.url), 'utf8');

function valid(r: ValidationResult): Scenario {
  if (!r.ok) throw new Error(`expected a valid scenario, got:\n${r.issues.map(formatIssue).join('\n')}`);
  return r.scenario;
}

function lines(r: ValidationResult): string[] {
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.issues.map(formatIssue);
}

/** The design example (test/fixtures/scenarios/design-example.yaml) with every default it leaves out filled in. */
const designExpected: Scenario = {
  name: 'M/M/3 at 80% load',
  seed: 42,
  queues: [{ name: 'default', priority: 10 }],
  jobTypes: {
    work: { duration: { kind: 'exponential', mean: 1 }, failureRate: 0, timeout: 30, error: 'handler failed' },
  },
  producers: [
    {
      queue: 'default',
      jobType: 'work',
      count: 100000,
      arrival: { kind: 'poisson', rate: 2.4 },
      start: 0,
      delay: 0,
      then: [],
      duplicateRate: 0,
    },
  ],
  workers: { count: 3, concurrency: 1, pollInterval: 0, restartDelay: 1, restart: 'always' },
  retry: { maxAttempts: 5, backoff: { kind: 'exponential', initial: 1, factor: 2, max: 300 }, jitter: 'full' },
  visibilityTimeout: 60,
  heartbeatInterval: 5,
  faults: [
    { kind: 'workerCrash', at: 30, worker: 1 },
    { kind: 'outage', jobType: 'work', from: 10, to: 40, error: 'downstream unavailable (503)' },
  ],
};

describe('the design example', () => {
  it('validates and fills in the expected defaults', () => {
    expect(valid(parseScenarioText(fixture('design-example.yaml'), 'yaml'))).toEqual(designExpected);
  });

  it('round-trips: the parsed scenario written back as YAML or JSON parses to itself', () => {
    const s = valid(parseScenarioText(fixture('design-example.yaml'), 'yaml'));
    expect(valid(parseScenarioText(stringify(s), 'yaml'))).toEqual(s);
    expect(valid(parseScenarioText(JSON.stringify(s, null, 2), 'json'))).toEqual(s);
  });
});

describe('small and empty files', () => {
  it('a five-line scenario is valid', () => {
    const s = valid(
      parseScenarioText(
        ['name: five lines', 'seed: 7', 'workers: { count: 6 }', 'producers:', '  - { count: 50, arrival: { kind: constant, rate: 5 } }'].join('\n'),
        'yaml',
      ),
    );
    expect(s.workers.count).toBe(6);
    expect(s.producers[0]!.arrival).toEqual({ kind: 'constant', rate: 5 });
    expect(s.queues).toEqual([{ name: 'default', priority: 10 }]);
    expect(resolveJobType(s, s.producers[0]!)).toBe('work');
  });

  it('an empty or blank file is the default scenario', () => {
    const defaults = scenarioSchema.parse({});
    for (const text of ['', '   \n\n', '# only a comment\n', '---\n']) {
      expect(valid(parseScenarioText(text, 'yaml'))).toEqual(defaults);
    }
    expect(valid(parseScenarioText('', 'json'))).toEqual(defaults);
    expect(valid(parseScenarioText('{}', 'json'))).toEqual(defaults);
    expect(valid(validateScenario(null))).toEqual(defaults);
  });

  it('every parse gets its own default objects', () => {
    const a = valid(validateScenario({}));
    a.producers[0]!.then.push('work');
    a.jobTypes['work']!.failureRate = 1;
    expect(valid(validateScenario({})).producers[0]!.then).toEqual([]);
    expect(valid(validateScenario({})).jobTypes['work']!.failureRate).toBe(0);
  });
});

describe('job type retry overrides', () => {
  it('keep only the keys written, so the rest is inherited from the global retry policy', () => {
    const s = valid(validateScenario({ jobTypes: { work: { retry: { backoff: { max: 10 } } } } }));
    expect(s.jobTypes['work']!.retry).toEqual({ backoff: { max: 10 } });
  });
});

describe('several errors at once', () => {
  it('reports every schema error of a file, in file order', () => {
    const text = [
      'seed: abc',
      'workres: 2',
      'workers: { count: -2 }',
      'jobTypes:',
      '  work: { failureRate: 1.5 }',
      'producers:',
      '  - { count: 1000000000000, arrival: { kind: poison } }',
    ].join('\n');
    expect(lines(parseScenarioText(text, 'yaml'))).toEqual([
      'seed: expected an integer, got "abc"',
      'workres: unknown key (did you mean "workers"?)',
      'workers.count: expected an integer >= 1, got -2',
      'jobTypes.work.failureRate: expected a number <= 1, got 1.5',
      'producers[0].count: expected an integer <= 10000000, got 1000000000000',
      'producers[0].arrival.kind: expected one of poisson, constant, burst, all-at-once, got "poison"',
    ]);
  });

  it('reports every cross-check error at once', () => {
    const r = validateScenario({
      jobTypes: { email: {}, sms: {} },
      producers: [{ jobType: 'email' }, { jobType: 'emial' }, {}],
      faults: [{ kind: 'workerCrash', at: 1, worker: 5 }],
    });
    expect(lines(r)).toEqual([
      'producers[1].jobType: unknown job type "emial"; known: email, sms',
      'producers[2].jobType: required when there is more than one job type; name one of: email, sms',
      'faults[0].worker: worker 5 does not exist, workers.count is 3',
    ]);
  });
});

describe('syntax errors', () => {
  it('YAML: path is the line, message from the parser', () => {
    expect(lines(parseScenarioText('seed: 1\nqueues: [a, b\nworkers: {}\n', 'yaml'))).toEqual([
      expect.stringMatching(/^line 3: .*\(column 1\)$/),
    ]);
  });

  it('YAML: a duplicate key is an error, not "last one wins"', () => {
    expect(lines(parseScenarioText('seed: 1\nname: a\nseed: 2\n', 'yaml'))).toEqual(['line 3: Map keys must be unique (column 1)']);
  });

  it('YAML: several documents, unknown tags and missing anchors are refused', () => {
    expect(lines(parseScenarioText('seed: 1\n---\nseed: 2\n', 'yaml'))[0]).toMatch(/^line 2: Source contains multiple documents/);
    expect(lines(parseScenarioText('seed: !!foo 1\n', 'yaml'))[0]).toMatch(/^line 1: Unresolved tag/);
    expect(lines(parseScenarioText('seed: *nope\n', 'yaml'))[0]).toMatch(/^\(file\): Unresolved alias/);
  });

  it('YAML 1.2: yes stays a string, so it fails where a number is expected', () => {
    expect(lines(parseScenarioText('seed: yes\n', 'yaml'))).toEqual(['seed: expected an integer, got "yes"']);
  });

  it('JSON: the error position becomes a line and column', () => {
    expect(lines(parseScenarioText('{\n  "seed": 1,\n  "name": }\n', 'json'))).toEqual([expect.stringMatching(/^line 3: .*'}'.*\(column 11\)$/)]);
    expect(lines(parseScenarioText('{\n  "seed": 1\n  "name": "x"\n}', 'json'))).toEqual([expect.stringMatching(/^line 3: .*\(column 3\)$/)]);
    expect(lines(parseScenarioText('{ "seed": 1', 'json'))).toEqual([expect.stringMatching(/^line 1: .*\(column 12\)$/)]);
    expect(lines(parseScenarioText('{ "seed": 1 }\n}', 'json'))).toEqual([expect.stringMatching(/^line 2: .*\(column 1\)$/)]);
  });

  it('JSON: a valid file is validated like YAML', () => {
    expect(lines(parseScenarioText('{ "workers": { "count": -2 } }', 'json'))).toEqual(['workers.count: expected an integer >= 1, got -2']);
    expect(valid(parseScenarioText('\ufeff{ "seed": 3 }', 'json')).seed).toBe(3);
  });

  it('no message carries a stack trace', () => {
    const r = parseScenarioText('{"a": [1, 2,,]}', 'json');
    expect(lines(r).join('\n')).not.toMatch(/\n\s+at /);
  });
});

describe('resolveJobType', () => {
  it("uses the producer's job type, or the only one", () => {
    const s = valid(validateScenario({ jobTypes: { a: {}, b: {} }, producers: [{ jobType: 'b' }] }));
    expect(resolveJobType(s, s.producers[0]!)).toBe('b');
    const one = valid(validateScenario({ jobTypes: { only: {} } }));
    expect(resolveJobType(one, one.producers[0]!)).toBe('only');
  });
});
