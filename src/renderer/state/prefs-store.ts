// How this user likes the lab to look: theme and presentation mode. Kept in
// localStorage so a classroom projector keeps its setting across reloads.
import { create } from 'zustand';

export type Theme = 'light' | 'dark';

export interface PrefsState {
  theme: Theme;
  presentation: boolean;
  setTheme(theme: Theme): void;
  togglePresentation(): void;
  setPresentation(on: boolean): void;
}

const STORAGE_KEY = 'queue-lab.prefs';

function load(): { theme: Theme; presentation: boolean } {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const fallback = { theme: (prefersDark ? 'dark' : 'light') as Theme, presentation: false };
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<{ theme: unknown; presentation: unknown }> | null;
    return {
      theme: saved?.theme === 'dark' || saved?.theme === 'light' ? saved.theme : fallback.theme,
      presentation: saved?.presentation === true,
    };
  } catch {
    return fallback; // storage disabled or corrupt: defaults are fine
  }
}

function save(state: { theme: Theme; presentation: boolean }): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ theme: state.theme, presentation: state.presentation }));
  } catch {
    // private mode or quota: the setting just will not survive a reload
  }
}

export const usePrefs = create<PrefsState>((set, get) => ({
  ...load(),
  setTheme(theme) {
    set({ theme });
    save(get());
  },
  togglePresentation() {
    set({ presentation: !get().presentation });
    save(get());
  },
  setPresentation(on) {
    set({ presentation: on });
    save(get());
  },
}));
