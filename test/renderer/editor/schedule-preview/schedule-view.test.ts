import { describe, expect, it } from 'vitest';
import { scheduleView, previewJobTypes, previewSamples, tableEntries, EDITOR_PREVIEW_SAMPLES, type ScheduleRowView } from '../../../../src/renderer/editor/schedule-preview/schedule-view.ts';
import { resolveRetryPolicy } from '../../../../src/shared/retry/backoff.ts';
import { previewRetrySchedule } from '../../../../src/shared/retry/schedule-preview.ts';
import { parseScenarioText } from '../../../../src/shared/scenario/validate.ts';
import type { Scenario } from '../../../../src/shared/scenario/schema.ts';

function scenario(yaml: string): Scenario {
  const result = parseScenarioText(yaml, 'yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario;
}

const LARAVEL = `
seed: 2024
jobTypes:
  notify: { duration: { kind: lognormal, mean: 0.8, sd: 0.4 }, failureRate: 0.25, timeout: 30 }
  digest: { duration: { kind: constant, value: 2 }, retry: { maxAttempts: 2, jitter: none } }
producers: [{ jobType: notify, count: 10 }]
retry: { maxAttempts: 5, backoff: { kind: exponential, initial: 4, factor: 2, max: 300 }, jitter: equal }
`;

describe('retry-schedule preview view', () => {
  it('rows are the shared preview of the resolved policy, sampled with the scenario seed', () => {
    const s = scenario(LARAVEL);
    const view = scheduleView(s, 'notify')!;
    const expected = previewRetrySchedule(resolveRetryPolicy(s.retry, s.jobTypes.notify!.retry), {
      samples: EDITOR_PREVIEW_SAMPLES,
      seed: 2024,
      attempt: { duration: s.jobTypes.notify!.duration, timeout: 30 },
    });
    expect(view.rows.map((r) => r.base)).toEqual([4, 8, 16, 32]);
    expect(view.rows.map((r) => r.delay)).toEqual(expected.rows.map((r) => r.delay));
    expect(view.toDeadLetter).toEqual(expected.toDeadLetter);
    expect(view.rows[0]).toMatchObject({ retry: 1, attempt: 2, baseText: '4 s', rule: '2 s + uniform [0, 2 s]' });
    // Equal jitter on a base d draws in [d/2, d].
    for (const r of view.rows) {
      expect(r.delay.min).toBeGreaterThanOrEqual(r.base / 2);
      expect(r.delay.max).toBeLessThanOrEqual(r.base);
    }
    expect(view.policyText).toBe('5 attempts; backoff exponential 4 s × 2^(n−1), at most 300 s; equal jitter');
    expect(view.ownPolicy).toBe(false);
  });

  it('says when a job that always fails reaches the dead-letter table, with its spread', () => {
    const view = scheduleView(scenario(LARAVEL), 'notify')!;
    const { p10, p50, p90 } = view.toDeadLetter;
    expect(p10).toBeLessThan(p50);
    expect(p50).toBeLessThan(p90);
    // Waits of 2-4, 4-8, 8-16, 16-32 s: 30 to 60 s of backoff, plus five attempts of about 0.8 s.
    expect(view.waitsOnly.p50).toBeGreaterThan(30);
    expect(view.waitsOnly.p50).toBeLessThan(60);
    expect(view.deadLetterText).toMatch(/^A job that always fails reaches the dead-letter table after about \d+(\.\d+)? s \(p10–p90: \d+(\.\d+)? (s|min) to \d+(\.\d+)? (s|min)\): \d+(\.\d+)? s of backoff plus its 5 attempts\.$/);
  });

  it('a job type with its own retry keys: resolved over the global ones, and marked', () => {
    const view = scheduleView(scenario(LARAVEL), 'digest')!;
    expect(view.ownPolicy).toBe(true);
    expect(view.rows).toHaveLength(1);
    // No jitter: every draw is the base, and the base keeps the global backoff.
    expect(view.rows[0]!.delay).toEqual({ min: 4, p10: 4, p50: 4, p90: 4, max: 4 });
    expect(view.rows[0]!.rule).toBe('exactly 4 s');
    // Two attempts of exactly 2 s plus the 4 s wait.
    expect(view.toDeadLetter.p50).toBe(8);
  });

  it('follows an edit of max attempts; one attempt has no retries', () => {
    const edited = scenario(LARAVEL.replace('maxAttempts: 5', 'maxAttempts: 7'));
    expect(scheduleView(edited, 'notify')!.rows.map((r) => r.base)).toEqual([4, 8, 16, 32, 64, 128]);
    const once = scheduleView(scenario(LARAVEL.replace('maxAttempts: 5', 'maxAttempts: 1')), 'notify')!;
    expect(once.rows).toEqual([]);
    expect(once.deadLetterText).toMatch(/after its only attempt/);
  });

  it('job types in file order; an unknown one has no view', () => {
    const s = scenario(LARAVEL);
    expect(previewJobTypes(s)).toEqual(['notify', 'digest']);
    expect(scheduleView(s, 'nope')).toBeNull();
  });

  it('memoises: the same policy gives the same preview object back', () => {
    const s = scenario(LARAVEL);
    const a = scheduleView(s, 'notify')!;
    const b = scheduleView(scenario(`${LARAVEL}\nname: renamed\n`), 'notify')!;
    expect(b.rows[0]!.delay).toBe(a.rows[0]!.delay);
  });

  it('long schedules: fewer samples so typing stays fast; the table shows the start and the end', () => {
    expect(previewSamples(5)).toBe(1000);
    expect(previewSamples(1000)).toBe(100);
    const view = scheduleView(scenario(LARAVEL.replace('maxAttempts: 5', 'maxAttempts: 40')), 'notify')!;
    expect(view.rows).toHaveLength(39);
    expect(view.samples).toBe(1000);
    expect(view.table.map((e) => (e.kind === 'row' ? e.row.retry : `gap ${e.hidden}`))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 'gap 27', 38, 39]);
    // Capped at max = 300 s from retry 8 on (4 x 2^7 = 512).
    expect(view.rows[38]!.base).toBe(300);
    const short: ScheduleRowView[] = view.rows.slice(0, 3);
    expect(tableEntries(short)).toHaveLength(3);
  });
});
