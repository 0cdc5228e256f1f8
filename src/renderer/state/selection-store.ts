// What the user pointed at: one job (inspector, lanes, tables follow it) and
// the worker under the mouse.
import { create } from 'zustand';

export interface SelectionState {
  selectedJob: number | null;
  hoveredWorker: string | null;
  selectJob(seq: number | null): void;
  hoverWorker(worker: string | null): void;
}

export const useSelection = create<SelectionState>((set) => ({
  selectedJob: null,
  hoveredWorker: null,
  selectJob: (seq) => set({ selectedJob: seq }),
  hoverWorker: (worker) => set({ hoveredWorker: worker }),
}));
