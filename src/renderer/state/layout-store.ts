// Which drawer is open on a narrow window (below 1100 px the library and run
// history leave the grid and slide in over it on request).
import { create } from 'zustand';

export interface LayoutState {
  libraryOpen: boolean;
  setLibraryOpen(open: boolean): void;
}

export const useLayout = create<LayoutState>((set) => ({
  libraryOpen: false,
  setLibraryOpen: (libraryOpen) => set({ libraryOpen }),
}));
