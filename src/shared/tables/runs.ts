// The runs table: one row per run, instant or live.
import { z } from 'zod';
import { column, defineTable, type RowOf } from './define-table.ts';

export const RUN_MODES = ['instant', 'live'] as const;
export const RUN_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;
export const STORE_LEVELS = ['full', 'none'] as const;

export const runsTable = defineTable('runs', {
  /** Short random hex, e.g. 3f9a1c2e. */
  id: column('id', z.string()),
  /** 1, 2, ...: jobs.id of this run's jobs is num * 2^32 + seq. */
  num: column('num', z.number().int().nullable()),
  /** The scenario's name. */
  scenario: column('scenario', z.string()),
  /** The resolved scenario, defaults filled in. */
  scenarioJson: column('scenario_json', z.string()),
  mode: column('mode', z.enum(RUN_MODES)),
  seed: column('seed', z.number().int()),
  status: column('status', z.enum(RUN_STATUSES)),
  storeLevel: column('store_level', z.enum(STORE_LEVELS)),
  /** Wall clock, ISO 8601 (metadata, not scenario time). */
  createdAt: column('created_at', z.string()),
  finishedAt: column('finished_at', z.string().nullable()),
  /** Scenario seconds reached. */
  simTime: column('sim_time', z.number()),
  summaryJson: column('summary_json', z.string().nullable()),
  error: column('error', z.string().nullable()),
  /** The process running it; a dead owner means interrupted. */
  ownerPid: column('owner_pid', z.number().int().nullable()),
});
export type RunRow = RowOf<typeof runsTable>;
