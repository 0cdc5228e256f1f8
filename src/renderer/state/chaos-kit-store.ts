// The instructor's live kit: which worker the per-worker chaos actions aim
// at, which service a capacity drop aims at, and the switches of each run
// (unsafe claim). A switch belongs to the run it was flipped in: a new run
// starts with the scenario's own setting, not with whatever the page showed
// for the previous one.
import { create } from 'zustand';

export interface ChaosKitState {
  /** 1-based worker number the Hang / Slow / Remove actions aim at. */
  worker: number;
  /** The service a capacity drop aims at (null: the run's first). */
  service: string | null;
  /** Unsafe claim per run id, once flipped by hand in that run. */
  unsafeClaim: Record<string, boolean>;
  setWorker(worker: number): void;
  setService(service: string): void;
  setUnsafeClaim(runId: string, on: boolean): void;
}

export const useChaosKit = create<ChaosKitState>((set, get) => ({
  worker: 1,
  service: null,
  unsafeClaim: {},
  setWorker: (worker) => set({ worker }),
  setService: (service) => set({ service }),
  setUnsafeClaim: (runId, on) => set({ unsafeClaim: { ...get().unsafeClaim, [runId]: on } }),
}));
