// The LabApi contract's sweep cases: a small sweep started through the api,
// watched until done, its cells checked against the runs it stored; and the
// refusals. describeLabApiContract calls them with its api.
import { expect, it } from 'vitest';
import type { LabApi, SweepDetail } from '../../../src/shared/lab-api/lab-api.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { rejection } from './lab-api-contract-export.ts';

async function finished(api: LabApi, sweepId: string): Promise<{ final: SweepDetail; seen: number[] }> {
  const seen: number[] = [];
  const end = Date.now() + 60_000;
  for (;;) {
    const sweep = await api.getSweep({ sweepId });
    seen.push(sweep.done);
    if (sweep.status !== 'running') return { final: sweep, seen };
    if (Date.now() > end) throw new Error(`sweep ${sweepId} still running after 60 s (${sweep.done}/${sweep.total})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function sweepCases(api: () => LabApi, scenario: ScenarioInput): void {
  it('startSweep: every combination x seed runs and is stored; getSweep gives each run with its stored summary; listSweeps lists it', async () => {
    const vary = [
      { path: 'workers.count', values: [1, 3] },
      { path: 'retry.maxAttempts', values: [1, 2] },
    ];
    const { sweepId } = await api().startSweep({ scenario: scenario as Record<string, unknown>, vary, seeds: 2 });
    const { final } = await finished(api(), sweepId);
    expect(final).toMatchObject({ id: sweepId, scenario: scenario.name, status: 'completed', total: 8, done: 8, seeds: 2, error: null, vary });
    expect(final.runs.map((r) => r.task)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const run of final.runs) {
      const stored = await api().getRun({ id: run.runId });
      expect(stored.summary).toEqual(run.summary);
      // The run's resolved scenario carries the cell's values: the sweep varied what it says.
      const spec = stored.scenarioSpec as { workers: { count: number }; retry: { maxAttempts: number } };
      expect(spec.workers.count).toBe(run.values['workers.count']);
      expect(spec.retry.maxAttempts).toBe(run.values['retry.maxAttempts']);
      expect(run.summary.seed).toBe(run.seed);
    }
    // One attempt per job kills the failures; two attempts rescue some: the grid has something to show.
    const dead = (attempts: number): number =>
      final.runs.filter((r) => r.values['retry.maxAttempts'] === attempts).reduce((sum, r) => sum + r.summary.jobs.dead, 0);
    expect(dead(2)).toBeLessThan(dead(1));
    const listed = (await api().listSweeps()).find((s) => s.id === sweepId);
    expect(listed).toMatchObject({ status: 'completed', done: 8, total: 8 });
  });

  it('startSweep refuses a key the scenario does not have, three keys, a bad value list; getSweep an unknown id', async () => {
    const source = { scenario: scenario as Record<string, unknown> };
    const missing = await rejection(api().startSweep({ ...source, vary: [{ path: 'workers.cuont', values: [1, 2] }] }));
    expect(missing).toMatchObject({ code: 'bad_params', field: 'vary' });
    expect(missing.message).toMatch(/workers\.cuont/);
    const invalid = await rejection(api().startSweep({ ...source, vary: [{ path: 'workers.count', values: [0] }] }));
    expect(invalid).toMatchObject({ code: 'bad_params', field: 'vary' });
    expect(invalid.message).toMatch(/workers\.count=0/);
    const three = [1, 2, 3].map((n) => ({ path: `workers.count${n}`, values: [1] }));
    expect(await rejection(api().startSweep({ ...source, vary: three }))).toMatchObject({ code: 'bad_params' });
    expect(await rejection(api().startSweep({ ...source, vary: [{ path: 'workers.count', values: [] }] }))).toMatchObject({ code: 'bad_params' });
    expect(await rejection(api().getSweep({ sweepId: 'nope' }))).toMatchObject({ code: 'not_found', field: 'sweepId' });
  });
}
