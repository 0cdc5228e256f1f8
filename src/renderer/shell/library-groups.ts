// The library's sections: failure modes an instructor demos, and the seed
// systems (plus the theory baseline) the presets reproduce.
import type { ScenarioInfo } from '../../shared/lab-api/lab-api.ts';

export interface LibraryGroup {
  label: string;
  items: ScenarioInfo[];
}

export function groupBuiltins(builtins: readonly ScenarioInfo[]): LibraryGroup[] {
  const failure = builtins.filter((b) => b.source === 'failure mode');
  const seeds = builtins.filter((b) => b.source !== 'failure mode');
  return [
    { label: 'Failure modes', items: failure },
    { label: 'Seed systems', items: seeds },
  ].filter((g) => g.items.length > 0);
}
