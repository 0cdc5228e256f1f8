// Stored runs (newest first), to reopen any of them.
import { create } from 'zustand';
import type { LabApi, RunInfo } from '../../shared/lab-api/lab-api.ts';

export interface RunHistoryState {
  runs: RunInfo[];
  loading: boolean;
  error: string | null;
  refresh(api: LabApi): Promise<void>;
}

export const useRunHistory = create<RunHistoryState>((set) => ({
  runs: [],
  loading: false,
  error: null,
  async refresh(api) {
    set({ loading: true });
    try {
      set({ runs: await api.listRuns(), loading: false, error: null });
    } catch (error) {
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
