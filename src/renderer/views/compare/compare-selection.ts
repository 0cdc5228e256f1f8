// Which stored runs the Compare tab shows: 2 to 4, the first is the
// baseline. A zustand store so the choice survives switching tabs; the
// pure helpers below are what the tests drive.
import { create } from 'zustand';
import type { RunInfo } from '../../../shared/lab-api/lab-api.ts';

export const MAX_COMPARED = 4;

/** Adds the run (at the end) or removes it; never more than MAX_COMPARED. */
export function toggleRun(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  return selected.length >= MAX_COMPARED ? [...selected] : [...selected, id];
}

/**
 * The run to compare and the run of the same scenario made just before it
 * (older one first, as the baseline). `runs` is newest first, as listRuns
 * answers; without an open run, the newest run is taken.
 */
export function previousRunPair(runs: readonly RunInfo[], openId: string | null): [string, string] | null {
  const at = openId === null ? 0 : runs.findIndex((r) => r.id === openId);
  const current = runs[at];
  if (!current) return null;
  const previous = runs.slice(at + 1).find((r) => r.scenario === current.scenario && r.status !== 'running');
  return previous ? [previous.id, current.id] : null;
}

interface CompareSelectionState {
  selected: string[];
  toggle(id: string): void;
  set(ids: readonly string[]): void;
}

export const useCompareSelection = create<CompareSelectionState>((set) => ({
  selected: [],
  toggle: (id) => set((s) => ({ selected: toggleRun(s.selected, id) })),
  set: (ids) => set({ selected: ids.slice(0, MAX_COMPARED) }),
}));
