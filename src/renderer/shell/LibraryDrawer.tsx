// The library and the run history. A column on a wide window; below 1100 px
// (and in presentation mode) a drawer that the header's Library button opens
// over the left edge, so the board and lanes keep the whole width.
import { useEffect, useRef, type ReactElement } from 'react';
import { useLayout } from '../state/layout-store.ts';
import { onEscape } from './escape-stack.ts';
import { LibraryPanel } from './LibraryPanel.tsx';
import { RunHistoryPanel } from './RunHistoryPanel.tsx';

export const LIBRARY_DRAWER_ID = 'scenarios-and-runs';

export function LibraryToggle(): ReactElement {
  const { libraryOpen, setLibraryOpen } = useLayout();
  return (
    <button
      type="button"
      className="library-toggle"
      id="library-toggle"
      aria-expanded={libraryOpen}
      aria-controls={LIBRARY_DRAWER_ID}
      onClick={() => setLibraryOpen(!libraryOpen)}
    >
      Library
    </button>
  );
}

export function LibraryDrawer(): ReactElement {
  const { libraryOpen, setLibraryOpen } = useLayout();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!libraryOpen) return;
    // Opened on request: focus goes in, Escape brings it back to the toggle.
    ref.current?.querySelector<HTMLElement>('button, [href], input, select')?.focus();
    return onEscape(() => {
      setLibraryOpen(false);
      document.getElementById('library-toggle')?.focus();
    });
  }, [libraryOpen, setLibraryOpen]);
  return (
    <nav
      ref={ref}
      id={LIBRARY_DRAWER_ID}
      className={libraryOpen ? 'left-column is-open' : 'left-column'}
      aria-label="Scenarios and runs"
      onClick={(e) => {
        // A scenario or a run picked in the drawer: it closes, the board is what comes next.
        if ((e.target as HTMLElement).closest('.library-item, .history-item')) setLibraryOpen(false);
      }}
    >
      <LibraryPanel />
      <RunHistoryPanel />
    </nav>
  );
}
