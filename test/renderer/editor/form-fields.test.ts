import { describe, expect, it } from 'vitest';
import { formFields, issuesFor } from '../../../src/renderer/editor/form-fields.ts';
import { parseYaml } from '../../../src/renderer/editor/yaml-paths.ts';

describe('form fields', () => {
  it('aim at the file’s first job type', () => {
    const fields = formFields(parseYaml('jobTypes:\n  send_mail: { failureRate: 0.1 }\n'));
    expect(fields.map((f) => f.path)).toContain('jobTypes.send_mail.failureRate');
  });

  it('offer the arrival rate only for arrivals that have one', () => {
    const burst = formFields(parseYaml('producers:\n  - arrival: { kind: burst, size: 5, every: 2 }\n'));
    expect(burst.map((f) => f.path)).not.toContain('producers.0.arrival.rate');
    const poisson = formFields(parseYaml('producers:\n  - arrival: { kind: poisson, rate: 3 }\n'));
    expect(poisson.map((f) => f.path)).toContain('producers.0.arrival.rate');
  });

  it('take the issues at their key and inside it, not at a key that only shares a prefix', () => {
    const field = formFields(parseYaml('')).find((f) => f.path === 'retry.backoff.max')!;
    const issues = [
      { path: 'retry.backoff.max', message: 'too big' },
      { path: 'retry.backoff.maxx', message: 'unknown key' },
      { path: 'workers.count', message: 'must be >= 1' },
    ];
    expect(issuesFor(field, issues).map((i) => i.message)).toEqual(['too big']);
  });
});
