import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src/shared/metrics/run-summary.ts';
import type { SweepRun } from '../../../../src/shared/sweep/sweep-shapes.ts';
import { findSweepMetric } from '../../../../src/shared/sweep/sweep-metrics.ts';
import { cellLabel, sweepGrid } from '../../../../src/renderer/views/sweep/sweep-grid.ts';
import { goodness } from '../../../../src/renderer/views/sweep/sweep-colors.ts';

const dead = findSweepMetric('dead')!;

function run(task: number, load: number, trigger: number, seed: number, deadJobs: number, verdict?: string): SweepRun {
  const summary = { run_id: `r${task}`, jobs: { dead: deadJobs }, ...(verdict ? { verdict: { kind: verdict } } : {}) } as unknown as RunSummary;
  return { task, combination: 0, values: { load, trigger }, seed, runId: `r${task}`, summary };
}

const vary = [
  { path: 'load', values: [0.5, 0.9] },
  { path: 'trigger', values: [5, 30] },
];

describe('sweepGrid', () => {
  it('puts each run in the cell of its values, means the metric over seeds, leaves unfinished cells empty', () => {
    const grid = sweepGrid({ vary, runs: [run(1, 0.9, 5, 2, 10), run(0, 0.9, 5, 1, 4), run(2, 0.5, 30, 1, 7)] }, dead);
    expect(grid.cells).toHaveLength(2);
    expect(grid.cells[1]![0]!.runs.map((r) => r.seed)).toEqual([1, 2]);
    expect(grid.cells[1]![0]!.mean).toBe(7);
    expect(grid.cells[0]![1]!.mean).toBe(7);
    expect(grid.cells[0]![0]!.mean).toBeNull();
    expect(grid.range).toEqual({ min: 7, max: 7 });
    expect(grid.hasVerdicts).toBe(false);
    expect(cellLabel(grid.cells[1]![0]!, dead)).toBe('load=0.9, trigger=5: dead jobs 7 (mean of 2 seeds). Opens run r0.');
    expect(cellLabel(grid.cells[0]![0]!, dead)).toBe('load=0.5, trigger=5: not run yet');
  });

  it('takes the most common verdict of a cell, the worse one on a tie, and says the counts', () => {
    const runs = [run(0, 0.9, 30, 1, 0, 'metastable'), run(1, 0.9, 30, 2, 0, 'recovered'), run(2, 0.5, 5, 1, 0, 'recovered'), run(3, 0.5, 5, 2, 0, 'recovered'), run(4, 0.5, 5, 3, 0, 'metastable')];
    const grid = sweepGrid({ vary, runs }, dead);
    expect(grid.hasVerdicts).toBe(true);
    expect(grid.cells[1]![1]!.verdict).toBe('metastable');
    expect(grid.cells[0]![0]!.verdict).toBe('recovered');
    expect(cellLabel(grid.cells[0]![0]!, dead)).toMatch(/^load=0\.5, trigger=5: verdict recovered 2\/3, metastable 1\/3; dead jobs 0/);
  });

  it('one varied key: one column; goodness puts the better end of the metric at 1', () => {
    const grid = sweepGrid({ vary: [vary[0]!], runs: [{ ...run(0, 0.5, 5, 1, 3), values: { load: 0.5 } }] }, dead);
    expect(grid.columnKey).toBeNull();
    expect(grid.cells.map((row) => row.length)).toEqual([1, 1]);
    expect(goodness(0, { min: 0, max: 10 }, dead)).toBe(1);
    expect(goodness(10, { min: 0, max: 10 }, findSweepMetric('succeeded')!)).toBe(1);
  });
});
