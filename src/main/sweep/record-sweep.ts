// A CLI sweep with --db stored as a sweep (sweep-store.ts), as the lab
// stores the ones it starts: the Sweep tab then lists it and opens its cells.
import type { Scenario } from '../../shared/scenario/schema.ts';
import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { openDatabase } from '../engine/store/open-database.ts';
import type { SweepTask } from './sweep-plan.ts';
import { prepareSweepStore } from './sweep-store.ts';

export interface SweepRecord {
  onResult(task: SweepTask, summary: RunSummary): void;
  finish(status: 'completed' | 'failed', error?: string): void;
}

export function recordSweep(dbFile: string, base: Scenario, tasks: readonly SweepTask[], seeds: number): SweepRecord {
  const db = openDatabase(dbFile);
  const store = prepareSweepStore(db);
  const id = randomBytes(4).toString('hex');
  // The varied paths in plan order, each with its values in the order given.
  const vary = Object.keys(tasks[0]?.values ?? {}).map((path) => ({ path, values: [...new Set(tasks.map((t) => t.values[path]!))] }));
  store.create({ id, scenario: base.name, scenarioJson: JSON.stringify(base), vary, seeds, total: tasks.length });
  return {
    onResult: (task, summary) =>
      store.addRun(id, { task: task.index, combination: task.combination, seed: task.seed, values: task.values, runId: summary.run_id }),
    finish(status, error) {
      store.finish(id, status, error ?? null);
      db.close();
    },
  };
}
