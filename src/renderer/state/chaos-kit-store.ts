// The instructor's live kit: which worker the per-worker chaos actions aim
// at, and the switches of each run (unsafe claim). A switch belongs to the
// run it was flipped in: a new run starts with the scenario's own setting,
// not with whatever the page showed for the previous one.
import { create } from 'zustand';

export interface ChaosKitState {
  /** 1-based worker number the Hang / Slow / Remove actions aim at. */
  worker: number;
  /** Unsafe claim per run id, once flipped by hand in that run. */
  unsafeClaim: Record<string, boolean>;
  setWorker(worker: number): void;
  setUnsafeClaim(runId: string, on: boolean): void;
}

export const useChaosKit = create<ChaosKitState>((set, get) => ({
  worker: 1,
  unsafeClaim: {},
  setWorker: (worker) => set({ worker }),
  setUnsafeClaim: (runId, on) => set({ unsafeClaim: { ...get().unsafeClaim, [runId]: on } }),
}));
