// How the compare view names a run: a letter (A is the baseline every delta
// is measured from), and a legend line with the scenario, what was varied
// and the seed, so two runs of one scenario are never just "run 1, run 2".
import type { ScenarioDifference } from './scenario-diff.ts';

export const RUN_LETTERS = ['A', 'B', 'C', 'D'] as const;

/** The most keys a legend line lists before it says "+N more". */
const KEYS_IN_LABEL = 2;
/** Only keys whose values are this short go in a legend line (a whole job type would swamp it). */
const LABEL_VALUE_LENGTH = 20;

export interface LabelledRun {
  scenario: string;
  seed: number;
}

export function runLabel(run: LabelledRun, index: number, differences: readonly ScenarioDifference[]): string {
  const short = differences.filter((d) => d.values.every((v) => v.length <= LABEL_VALUE_LENGTH)).slice(0, KEYS_IN_LABEL);
  const varied = short.map((d) => `${d.path}=${d.values[index] ?? '(none)'}`);
  if (differences.length > short.length) varied.push(`+${differences.length - short.length} more`);
  return [run.scenario, ...(varied.length ? [varied.join(', ')] : []), `seed ${run.seed}`].join(' · ');
}

export function runLabels(runs: readonly LabelledRun[], differences: readonly ScenarioDifference[]): string[] {
  return runs.map((r, i) => `${RUN_LETTERS[i] ?? String(i + 1)}: ${runLabel(r, i, differences)}`);
}

/** What the seeds mean for the comparison, said on screen. */
export function seedStatement(seeds: readonly number[]): string {
  if (seeds.length < 2) return '';
  return seeds.every((s) => s === seeds[0])
    ? 'Same seed: same arrivals and the same draws, so the difference is the policy alone.'
    : `Different seeds (${seeds.join(', ')}): the arrivals and draws differ too, so part of the difference is chance. Rerun with one seed to isolate the policy.`;
}
