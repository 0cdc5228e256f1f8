// Rows of `runs` as the LabApi shows them: the stored summary and scenario
// parsed back from their JSON columns (null when a row holds none or a damaged one).
import type { RunDetail, RunInfo } from '../../shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../shared/scenario/schema.ts';
import type { RunRecord } from '../engine/store/types.ts';

function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function runInfo(r: RunRecord): RunInfo {
  return {
    id: r.id, num: r.num, scenario: r.scenario, mode: r.mode, seed: r.seed, status: r.status, storeLevel: r.storeLevel,
    createdAt: r.createdAt, finishedAt: r.finishedAt, simTime: r.simTime, error: r.error, ownerPid: r.ownerPid,
    summary: parseJson<RunSummary>(r.summaryJson),
  };
}

export function runDetail(r: RunRecord): RunDetail {
  return { ...runInfo(r), scenarioSpec: parseJson<ScenarioInput>(r.scenarioJson) };
}
