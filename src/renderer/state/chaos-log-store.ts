// What the chaos buttons did, newest first, so the class sees the host's
// answer ("w2 killed", "w2 is restarting") next to the button.
import { create } from 'zustand';

export interface ChaosLogEntry {
  id: number;
  text: string;
  ok: boolean;
}

export interface ChaosLogState {
  entries: ChaosLogEntry[];
  log(text: string, ok: boolean): void;
}

let nextId = 1;

export const useChaosLog = create<ChaosLogState>((set, get) => ({
  entries: [],
  log: (text, ok) => set({ entries: [{ id: nextId++, text, ok }, ...get().entries].slice(0, 5) }),
}));
