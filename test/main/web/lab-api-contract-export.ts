// The LabApi contract's exportReport cases, in a file of their own so the
// suite stays readable; describeLabApiContract calls them with its api and
// the summary of the run it made first (a finished, fully stored run).
import { expect, it } from 'vitest';
import { LabApiError, type LabApi } from '../../../src/shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';

export async function rejection(promise: Promise<unknown>): Promise<LabApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(LabApiError);
  return error as LabApiError;
}

export function exportReportCases(api: () => LabApi, run: () => RunSummary): void {
  it('exportReport html: the self-contained report of the run, with its id and its summary numbers', async () => {
    const summary = run();
    const file = await api().exportReport({ runId: summary.run_id, format: 'html' });
    expect(file.mimeType).toMatch(/^text\/html/);
    expect(file.fileName).toMatch(new RegExp(`^queue-lab-contract-${summary.run_id}\\.html$`));
    expect(file.content.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(file.content).toContain(summary.run_id);
    for (const path of ['jobs.total', 'jobs.succeeded', 'jobs.dead', 'attempts.total'] as const) {
      const [group, key] = path.split('.') as ['jobs' | 'attempts', string];
      const value = (summary[group] as unknown as Record<string, number>)[key];
      expect(file.content, path).toContain(`<data value="${value}" data-metric="${path}">`);
    }
    // Nothing outside the file: no external script, stylesheet or image.
    expect(file.content).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it('exportReport json: the report data, which parses and carries the run summary', async () => {
    const summary = run();
    const file = await api().exportReport({ runId: summary.run_id, format: 'json' });
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName.endsWith('.json')).toBe(true);
    const data = JSON.parse(file.content) as { format: string; run: { id: string }; summary: RunSummary };
    expect(data.format).toBe('queue-lab-report');
    expect(data.run.id).toBe(summary.run_id);
    expect(data.summary.jobs).toEqual(summary.jobs);
    expect(data.summary.event_log_sha256).toBe(summary.event_log_sha256);
  });

  it('exportReport refuses: an unknown run (not_found), a bad format or a stray field (bad_params), a run kept without events', async () => {
    const runId = run().run_id;
    expect(await rejection(api().exportReport({ runId: 'nope', format: 'html' }))).toMatchObject({ code: 'not_found', field: 'runId' });
    expect(await rejection(api().exportReport({ runId, format: 'pdf' } as never))).toMatchObject({ code: 'bad_params', field: 'format' });
    expect(await rejection(api().exportReport({ runId } as never))).toMatchObject({ code: 'bad_params', field: 'format' });
    expect(await rejection(api().exportReport({ runId, format: 'html', out: '/tmp/x' } as never))).toMatchObject({ code: 'bad_params', field: 'out' });
    const bare = await api().runInstant({ builtinKey: 'php-mysql-simulator', store: 'none' });
    const e = await rejection(api().exportReport({ runId: bare.run_id, format: 'html' }));
    expect(e).toMatchObject({ code: 'bad_params', field: 'runId' });
    expect(e.message).toMatch(/store none/);
  });
}
